using System.Collections.Immutable;

namespace RcuCollections.Tests.List;

/// <summary>The code blocks of docs/list.md, compiled and run (see RcuCollections.Tests.Docs.DocsCodeBlockTests).</summary>
public sealed class ListDocSnippets
{
    [Fact]
    public void BasicUse()
    {
        var handlers = new RcuList<string>(["audit", "metrics"]);
        handlers.Add("tracing");                    // copies, then publishes atomically
        bool added = handlers.AddIfAbsent("audit"); // false: test and add are one atomic step
        foreach (string h in handlers)              // a snapshot: never throws, never sees later writes
        {
            Console.WriteLine(h);
        }
        ImmutableArray<string> snapshot = handlers.Snapshot(); // O(1): the version's own array
        Assert.False(added);
        Assert.Equal<string>(["audit", "metrics", "tracing"], snapshot);
    }

    [Fact]
    public void ZeroAllocationRead()
    {
        var prices = new RcuList<int>([10, 20, 30]);
        int total = 0;
        using (RcuListReader<int> reader = prices.Read())
        {
            foreach (int p in reader.Span) total += p; // array speed; the span is valid until Dispose
        }
        Assert.Equal(60, total);
    }

    [Fact]
    public void BatchEdit()
    {
        var list = new RcuList<int>([5, 3, 9]);
        list.Update(static edit =>
        {
            edit.Add(1);
            edit.RemoveAll(static x => x > 8);
            edit.AsSpan().Sort();                   // readers see [5, 3, 9] or [1, 3, 5], nothing in between
        });
        list.Update(42, static (edit, value) => edit.Insert(0, value)); // a state argument: no closure
        Assert.Equal([42, 1, 3, 5], list);
    }

    [Fact]
    public void PooledMode()
    {
        using var domain = new RcuDomain();
        var list = new RcuList<long>(new RcuListOptions { Domain = domain, PoolArrays = true });
        list.AddRange([1, 2, 3]);
        for (int i = 0; i < 1000; i++)
        {
            list[i % 3] = i;                        // at steady state: no allocation per write
        }
        Assert.Equal(3, list.Count);
    }

    [Fact]
    public void OneVersionPerLoop()
    {
        var list = new RcuList<int>([4, 8, 15]);
        int sum = 0;
        // Wrong under concurrent writes: Count and each list[i] may read different versions.
        // for (int i = 0; i < list.Count; i++) sum += list[i];
        using (RcuListReader<int> reader = list.Read())
        {
            for (int i = 0; i < reader.Count; i++) sum += reader[i]; // one version for the whole loop
        }
        ImmutableArray<int> snapshot = list.Snapshot();              // or keep one version as long as you like
        Assert.Equal(27, sum);
        Assert.Equal(3, snapshot.Length);
    }

    [Fact]
    public void ListStyleMembers()
    {
        var routes = new RcuList<string>(["b", "c", "a"]);
        routes.Sort(StringComparer.Ordinal);                  // one new version, sorted
        routes.InsertRange(0, ["x", "y"]);                    // one new version
        routes.RemoveRange(0, 1);                             // one new version
        routes.ReplaceAll(static r => r.ToUpperInvariant());  // one new version; a throwing transform publishes nothing
        int at = routes.FindIndex(static r => r.StartsWith('B')); // reads one version
        string[] copy = routes.ToArray();                     // a copy of one version
        Assert.Equal(2, at);
        Assert.Equal(["Y", "A", "B", "C"], copy);
    }
}
