using RcuCollections.Tests.Dictionary;
using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.List;

/// <summary>
/// The list against its domain's limits: back-pressure never waited for under the write lock (D4), and writes on a
/// disposed domain refused before anything changes, in both modes (D8).
/// </summary>
public sealed class RcuListDomainLifecycleTests
{
    [Fact]
    public void BackPressure_ACallbackThatWritesThePooledList_DoesNotDeadlockAWriter()
    {
        var domain = new RcuDomain(new RcuOptions { MaxPendingCallbacks = 1, ForceAtPendingCallbacks = 1 });
        var list = new RcuList<int>(new RcuListOptions { Domain = domain, PoolArrays = true });
        list.Add(0);
        list.Add(1);
        domain.Barrier();

        using var holding = new ManualResetEventSlim();
        using var leave = new ManualResetEventSlim();
        var reader = new Thread(() =>
        {
            using (domain.ReadLock())
            {
                holding.Set();
                leave.Wait(); // a stuck reader: callbacks pile up
            }
        }) { IsBackground = true };
        reader.Start();
        Assert.True(holding.Wait(TimeSpan.FromSeconds(10)));
        long waitsBefore = domain.GetStatistics().BackPressureWaits;

        domain.Defer(() => list.Add(42)); // a callback that needs the list's write lock
        // This write's replaced version goes over the limit; its writer waits for capacity.
        Worker writer = Workers.Start(() => list.Add(2));
        Assert.True(Eventually.Holds(() => domain.GetStatistics().BackPressureWaits > waitsBefore, TimeSpan.FromSeconds(30)), "the writer reaches back-pressure");
        leave.Set();

        Assert.True(writer.TryJoin(TimeSpan.FromSeconds(20)), "deadlock: a writer waits for callback capacity under the write lock that a callback needs");
        domain.Barrier();
        Assert.Equal([0, 1, 2, 42], list.Order());
        domain.Dispose(); // only once nothing hangs
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DisposedDomain_WritesThrowBeforeChangingAnything(bool pooled)
    {
        var domain = new RcuDomain();
        var list = new RcuList<int>(new RcuListOptions { Domain = domain, PoolArrays = pooled });
        list.AddRange([1, 2, 3]);
        list.Add(4);
        Assert.Equal(4, list.ToArray().Length); // this thread reads the domain before its disposal, so it may read after it
        domain.Dispose();

        Assert.Throws<ObjectDisposedException>(() => list.Add(5));
        Assert.Throws<ObjectDisposedException>(() => list.AddRange([5, 6]));
        Assert.Throws<ObjectDisposedException>(() => list.Insert(0, 5));
        Assert.Throws<ObjectDisposedException>(() => list.RemoveAt(0));
        Assert.Throws<ObjectDisposedException>(() => list.Remove(1));
        Assert.Throws<ObjectDisposedException>(() => list.RemoveAll(x => x > 2));
        Assert.Throws<ObjectDisposedException>(() => list.Clear());
        Assert.Throws<ObjectDisposedException>(() => list.AddIfAbsent(9));
        Assert.Throws<ObjectDisposedException>(() => list.AddAllAbsent([9]));
        Assert.Throws<ObjectDisposedException>(() => list.Update(e => e.Add(9)));
        Assert.Throws<ObjectDisposedException>(() => list[0] = 9);
        // Reads still work.
        Assert.Equal([1, 2, 3, 4], list.ToArray());
        Assert.Equal(4, list.Count);
    }

    [Fact]
    public void DomainDisposedDuringWrites_EveryWriteEitherCompletesOrChangesNothing()
    {
        Race.Run(
            trials: 150,
            setup: _ =>
            {
                var domain = new RcuDomain();
                var list = new RcuList<int>(new RcuListOptions { Domain = domain, PoolArrays = true });
                list.AddRange([0, 1]);
                list.ToArray(); // the checking thread reads the domain before its disposal, so it may read after it
                return (domain, list, completed: new int[1]);
            },
            // The writes go first: Race delays the second side by a random jitter, which sweeps the disposal across them.
            first: s =>
            {
                for (int i = 2; i < 40; i++)
                {
                    s.list.Add(i);
                    s.completed[0] = i - 1; // adds that returned
                }
            },
            second: s => s.domain.Dispose(),
            check: (s, outcome) =>
            {
                Assert.Null(outcome.Second);
                Assert.True(outcome.First is null or ObjectDisposedException, $"trial {outcome.Trial}: {outcome.First}");
                // Exactly the adds that returned are in the list: none was half-applied, none lost.
                Assert.Equal(Enumerable.Range(0, 2 + s.completed[0]), s.list.ToArray());
            });
    }
}

/// <summary>Helpers for list assertions.</summary>
internal static class ListOrderExtensions
{
    public static int[] Order(this RcuList<int> list) => list.ToArray().Order().ToArray();
}
