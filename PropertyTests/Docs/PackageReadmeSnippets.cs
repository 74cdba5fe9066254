using System.Buffers;

namespace RcuCollections.Tests.Docs;

/// <summary>
/// The code blocks of the package READMEs (Rcu/README.md, Collections/README.md), compiled and run
/// (see <see cref="DocsCodeBlockTests"/>). Each block is quoted from between the "README" markers below.
/// </summary>
public class PackageReadmeSnippets
{
    [Fact]
    public void Engine()
    {
        byte[] oldBuffer = ArrayPool<byte>.Shared.Rent(4096);
        var oldConnection = new Resource();

        // README: Rcu/README.md
        var settings = new RcuReference<Settings>(new Settings(TimeoutSeconds: 5));

        // Read: the object stays valid, and undisposed, until the section ends; nothing here blocks a writer.
        using (settings.Domain.ReadLock())
        {
            int timeout = settings.Value!.TimeoutSeconds;
        }

        // Write: publish a new object; the old one is disposed after a grace period, when no reader can hold it.
        settings.Replace(new Settings(TimeoutSeconds: 10));

        // Anything else: run a callback, or dispose a resource, after a grace period.
        RcuDomain rcu = RcuDomain.Default;
        rcu.Defer(() => ArrayPool<byte>.Shared.Return(oldBuffer));
        rcu.Retire(oldConnection);
        // end README

        rcu.Barrier();
        Assert.Equal([5], Settings.DisposedTimeouts);   // the replaced object, and only it
        Assert.Equal(10, settings.Value!.TimeoutSeconds);
        Assert.True(oldConnection.Disposed);
    }

    [Fact]
    public void Collections()
    {
        var notified = new List<string>();
        void Notify(string name) => notified.Add(name);

        // README: Collections/README.md
        // RcuDictionary: the ConcurrentDictionary surface, with wait-free reads.
        var prices = new RcuDictionary<string, decimal>();
        prices["apple"] = 1.20m;
        prices.AddOrUpdate("apple", 1.00m, (_, old) => old + 0.10m);
        bool found = prices.TryGetValue("apple", out decimal apple); // true, 1.30

        // RcuList: copy-on-write; snapshots never change and never throw while others write.
        var subscribers = new RcuList<string>(["alice", "bob"]);
        subscribers.AddIfAbsent("carol");
        var snapshot = subscribers.Snapshot();   // an ImmutableArray<string>, O(1)
        using (RcuListReader<string> reader = subscribers.Read())
        {
            foreach (string name in reader.Span) Notify(name);   // the current array as a span, no allocation
        }
        // end README

        Assert.True(found);
        Assert.Equal(1.30m, apple);
        subscribers.Remove("bob");
        Assert.Equal(["alice", "bob", "carol"], snapshot.ToArray());
        Assert.Equal(["alice", "bob", "carol"], notified);
    }

    private sealed record Settings(int TimeoutSeconds) : IDisposable
    {
        public static readonly List<int> DisposedTimeouts = new();

        public void Dispose()
        {
            lock (DisposedTimeouts) DisposedTimeouts.Add(TimeoutSeconds);
        }
    }

    private sealed class Resource : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
