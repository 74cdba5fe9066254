using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.Dictionary;

/// <summary>
/// The dictionary against its domain's limits: back-pressure (no library lock held while waiting for callback
/// capacity, D4) and disposal (a write on a disposed domain changes nothing; one racing the disposal leaves the
/// segments consistent and loses no value disposal, D8).
/// </summary>
public sealed class DictionaryDomainLifecycleTests
{
    private static readonly TimeSpan s_long = TimeSpan.FromSeconds(10);

    [Fact]
    public void BackPressure_AValueWhoseDisposeWritesTheSameDictionary_DoesNotDeadlockAWriter()
    {
        var domain = new RcuDomain(new RcuOptions { MaxPendingCallbacks = 1, ForceAtPendingCallbacks = 1 });
        var map = new RcuDictionary<int, IDisposable>(new RcuDictionaryOptions { Domain = domain, DisposeRemovedValues = true, SegmentCount = 2 });
        // The first retired value removes keys spread over both segments when it is disposed (on the callback thread).
        for (int k = 1000; k < 1064; k++) map[k] = new OnDispose(() => { });
        map[0] = new OnDispose(() =>
        {
            for (int k = 1000; k < 1064; k++) map.TryRemove(k, out _);
        });
        map[1] = new OnDispose(() => { });
        domain.Barrier();

        using var holding = new ManualResetEventSlim();
        using var leave = new ManualResetEventSlim();
        var reader = new Thread(() =>
        {
            using (domain.ReadLock())
            {
                holding.Set();
                leave.Wait(); // a stuck reader: no grace period completes, callbacks pile up
            }
        }) { IsBackground = true };
        reader.Start();
        Assert.True(holding.Wait(s_long));
        long waitsBefore = domain.GetStatistics().BackPressureWaits;

        // Two retirements: the second goes over the limit, and its caller waits (outside any lock).
        Worker remover = Workers.Start(() =>
        {
            map.TryRemove(0, out _);
            map.TryRemove(1, out _);
        });
        // Inserts that rebuild tables: every replaced table is deferred from inside its segment's lock.
        Worker writer = Workers.Start(() =>
        {
            for (int k = 2000; k < 2400; k++) map[k] = new OnDispose(() => { });
        });

        Assert.True(Eventually.Holds(() => domain.GetStatistics().BackPressureWaits >= waitsBefore + 2, TimeSpan.FromSeconds(30)), $"both writers reach back-pressure: {domain.GetStatistics()} before {waitsBefore} count {map.Count}");
        leave.Set();

        bool finished = remover.TryJoin(TimeSpan.FromSeconds(20)) & writer.TryJoin(TimeSpan.FromSeconds(5));
        Assert.True(finished, "deadlock: a writer waits for callback capacity while holding a segment lock that a callback needs");
        domain.Barrier();
        for (int k = 1000; k < 1064; k++) Assert.False(map.ContainsKey(k));
        Assert.Equal(400, map.Count);
        map.CheckInvariants();
        domain.Dispose(); // only once nothing hangs: a deadlocked run leaks the domain rather than hanging the test host
    }

    [Fact]
    public void DisposedDomain_RemovesThrowBeforeChangingAnything_AndCountStaysExact()
    {
        var domain = new RcuDomain();
        var map = new RcuDictionary<int, int>(new RcuDictionaryOptions { Domain = domain });
        for (int k = 0; k < 1000; k++) map[k] = k;
        domain.Dispose();

        int threw = 0;
        for (int k = 0; k < 1000; k++)
        {
            try
            {
                map.TryRemove(k, out _);
            }
            catch (ObjectDisposedException)
            {
                threw++;
            }
        }

        int present = Enumerable.Range(0, 1000).Count(map.ContainsKey);
        Assert.Equal(present, map.Count);
        Assert.Equal(1000, threw);
        Assert.Equal(1000, present);
        Assert.Throws<ObjectDisposedException>(() => map[5000] = 1);
        Assert.Throws<ObjectDisposedException>(() => map.TryAdd(5001, 1));
        Assert.Throws<ObjectDisposedException>(() => map.Clear());
        Assert.Equal(1000, map.Count);
        Assert.False(map.ContainsKey(5000));
        map.CheckInvariants();
        // Reads keep working on a disposed domain's dictionary.
        Assert.True(map.TryGetValue(7, out int seven) && seven == 7);
    }

    [Fact]
    public void DomainDisposedDuringRemoves_SegmentsStayConsistent_AndEveryRemovedValueIsDisposedOnce()
    {
        const int Keys = 48;
        Race.Run(
            trials: 150,
            setup: _ =>
            {
                var domain = new RcuDomain(new RcuOptions { PollInterval = TimeSpan.FromMilliseconds(1) });
                var map = new RcuDictionary<int, Counted>(new RcuDictionaryOptions { Domain = domain, DisposeRemovedValues = true, SegmentCount = 2 });
                var values = new Counted[Keys];
                for (int k = 0; k < Keys; k++) map[k] = values[k] = new Counted();
                return (domain, map, values);
            },
            // The writes go first: Race delays the second side by a random jitter, which sweeps the disposal across them
            // (a batch of tombstones is sealed, polling the domain, every few removes).
            first: s =>
            {
                for (int k = 0; k < Keys; k++)
                {
                    if (k % 5 == 0) s.map[k] = new Counted(); // replaced values are retired too
                    else s.map.TryRemove(k, out _);
                }
            },
            second: s => s.domain.Dispose(),
            check: (s, outcome) =>
            {
                Assert.Null(outcome.Second);
                Assert.True(outcome.First is null or ObjectDisposedException, $"trial {outcome.Trial}: {outcome.First}");
                s.map.CheckInvariants();
                int present = 0;
                for (int k = 0; k < Keys; k++)
                {
                    bool found = s.map.TryGetValue(k, out Counted? now);
                    if (found) present++;
                    bool original = found && ReferenceEquals(now, s.values[k]);
                    // A value that left the map is disposed exactly once (by the drained callback, or once the domain's disposal
                    // is complete, after its last grace period: soon after Dispose returned); one still in it never.
                    Counted v = s.values[k];
                    int expected = original ? 0 : 1;
                    Support.Eventually.Holds(() => v.DisposeCount >= expected, TimeSpan.FromSeconds(5));
                    Assert.True(v.DisposeCount == expected, $"trial {outcome.Trial}, key {k}: disposed {v.DisposeCount} times, still stored: {original}");
                }
                Assert.Equal(present, s.map.Count);
            });
    }

    private sealed class OnDispose(Action action) : IDisposable
    {
        public void Dispose() => action();
    }

    private sealed class Counted : IDisposable
    {
        private int _disposeCount;

        public int DisposeCount => Volatile.Read(ref _disposeCount);

        public void Dispose() => Interlocked.Increment(ref _disposeCount);
    }
}
