// PublishedSnapshot: the pattern most users need. A routing table that many threads read and one thread replaces,
// published through RcuReference<T>; each replaced table returns its pooled buffer the moment no reader can still
// use it. docs/getting-started.md quotes this file; CI runs it against the packed packages.
using System.Buffers;
using RcuCollections;

var failures = new List<string>();
void Check(bool condition, string what)
{
    Console.WriteLine($"{(condition ? "ok  " : "FAIL")} {what}");
    if (!condition) failures.Add(what);
}

// Publish: one reference, read under sections of its domain (RcuDomain.Default unless you pass one).
var routes = new RcuReference<RoutingTable>(new RoutingTable(version: 1, size: 1024));

// Read: the table stays valid, and undisposed, until the section ends.
using (routes.Domain.ReadLock())
{
    RoutingTable table = routes.Value!;
    Check(table.Version == 1 && table.NextHop(7) == 7, "read: a reader sees the published table");
}

// Replace: publish a new table; the old one is disposed after a grace period (when no reader can hold it).
RoutingTable first = routes.Value!;
routes.Replace(new RoutingTable(version: 2, size: 1024));

// Update: compute the next table from the current one (a compare-and-swap loop; the old one is retired the same way).
routes.Update(static current => current!.WithVersion(current.Version + 1));

// Readers never see a disposed table, however often a writer replaces it.
int sawDisposed = 0;
using var stop = new CancellationTokenSource();
Thread[] readers = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
{
    while (!stop.IsCancellationRequested)
    {
        using (routes.Domain.ReadLock())
        {
            RoutingTable table = routes.Value!;
            if (table.IsDisposed || table.NextHop(3) != 3) Interlocked.Increment(ref sawDisposed);
        }
    }
})).ToArray();
foreach (Thread t in readers) t.Start();
for (int v = 4; v < 2_000; v++) routes.Replace(new RoutingTable(v, 1024));
stop.Cancel();
foreach (Thread t in readers) t.Join();

routes.Domain.Barrier(); // only to check the claims below: every retired table has been disposed by now
Check(first.IsDisposed, "replace: the first table was disposed after a grace period");
Check(sawDisposed == 0, "replace: no reader ever saw a disposed table");
Check(!routes.Value!.IsDisposed && routes.Value.Version == 1_999, "the published table is the last one, undisposed");

Console.WriteLine(failures.Count == 0 ? "PublishedSnapshot: OK" : "PublishedSnapshot: FAILED");
return failures.Count == 0 ? 0 : 1;

/// <summary>An immutable table over a pooled buffer: disposing it returns the buffer to the pool.</summary>
internal sealed class RoutingTable : IDisposable
{
    private int[]? _hops;

    public RoutingTable(int version, int size)
    {
        Version = version;
        _hops = ArrayPool<int>.Shared.Rent(size);
        for (int i = 0; i < size; i++) _hops[i] = i;
    }

    public int Version { get; }

    public bool IsDisposed => Volatile.Read(ref _hops) is null;

    public int NextHop(int destination) => _hops![destination];

    public RoutingTable WithVersion(int version) => new(version, 1024);

    public void Dispose()
    {
        int[]? hops = Interlocked.Exchange(ref _hops, null);
        if (hops is not null) ArrayPool<int>.Shared.Return(hops);
    }
}
