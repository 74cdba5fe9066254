// QuickStart: the dictionary and the list, read guards, and Defer/Retire. The docs' getting-started guide
// quotes this file; every line here runs in CI against the packed packages.
using RcuCollections;

var failures = new List<string>();
void Check(bool condition, string what)
{
    Console.WriteLine($"{(condition ? "ok  " : "FAIL")} {what}");
    if (!condition) failures.Add(what);
}

// 1. RcuDictionary: the ConcurrentDictionary surface, with wait-free reads.
var prices = new RcuDictionary<string, decimal>();
prices["apple"] = 1.20m;
prices.TryAdd("pear", 0.90m);
prices.AddOrUpdate("apple", 1.00m, (_, old) => old + 0.10m);
decimal plum = prices.GetOrAdd("plum", _ => 2.50m);
Check(prices.TryGetValue("apple", out decimal apple) && apple == 1.30m, "dictionary: AddOrUpdate updated the price");
Check(plum == 2.50m && prices.Count == 3, "dictionary: GetOrAdd added a third key");

// 2. RcuList: copy-on-write; snapshots never change and never throw on concurrent writes.
var subscribers = new RcuList<string>(["alice", "bob"]);
subscribers.AddIfAbsent("carol");
subscribers.AddIfAbsent("alice"); // already there: no change
var before = subscribers.Snapshot();
subscribers.Remove("bob");
Check(before.Length == 3 && subscribers.Count == 2, "list: the snapshot kept its three names");
using (RcuListReader<string> reader = subscribers.Read())
{
    // A zero-allocation view of the current contents, valid until the reader is disposed.
    Check(reader.Span.Length == 2 && reader.Span[0] == "alice", "list: Read() exposes the contents as a span");
}

// 3. The engine: read guards, then Defer and Retire after a grace period.
RcuDomain rcu = RcuDomain.Default;
var log = new List<string>();
using (rcu.ReadLock())
{
    rcu.Defer(() => { lock (log) log.Add("deferred"); });   // runs after this section (and all others) ended
}
var resource = new TrackedResource();
rcu.Retire(resource);                                        // disposed after a grace period
rcu.Barrier();                                               // wait until both have run
Check(log.Contains("deferred") && resource.Disposed, "engine: Defer and Retire ran after a grace period");

Console.WriteLine(failures.Count == 0 ? "QuickStart: OK" : "QuickStart: FAILED");
return failures.Count == 0 ? 0 : 1;

internal sealed class TrackedResource : IDisposable
{
    public bool Disposed { get; private set; }
    public void Dispose() => Disposed = true;
}
