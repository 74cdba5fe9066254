using System.Diagnostics;
using RcuCollections.Tests.Reference;
using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.Engine;

/// <summary>
/// Async read sections (<see cref="RcuDomain.EnterAsyncSection"/>): they cross <c>await</c>, end on any thread, and every
/// kind of grace period waits for those that began before it, and not longer; disposal misuse never unbalances the counts.
/// </summary>
public class AsyncSectionTests
{
    private static readonly RcuOptions FastPolling = new() { PollInterval = TimeSpan.FromMilliseconds(1) };

    [Fact]
    public async Task ASectionHeldAcrossAwait_BlocksAGracePeriodUntilItEnds_AndNotLonger()
    {
        using var domain = new RcuDomain(FastPolling);
        using var entered = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        int enteredOn = 0, exitedOn = 0;
        Task holder = Task.Run(async () =>
        {
            using (domain.EnterAsyncSection())
            {
                enteredOn = Environment.CurrentManagedThreadId;
                entered.Release();
                await release.WaitAsync();
                await Task.Delay(1); // resume on whatever pool thread
                exitedOn = Environment.CurrentManagedThreadId;
            }
        });
        await entered.WaitAsync();
        RcuGracePeriodCookie cookie = domain.StartGracePeriodPoll();
        ValueTask pending = domain.SynchronizeAsync();
        await Task.Delay(100);
        Assert.False(domain.IsGracePeriodCompleted(cookie), "a grace period ended while an async section that began before it was open");
        Assert.False(pending.IsCompleted);
        var sw = Stopwatch.StartNew();
        release.Release();
        await holder;
        await pending;
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"the grace period took {sw.Elapsed} after the section ended");
        Assert.True(Eventually.Holds(() => domain.IsGracePeriodCompleted(cookie), TimeSpan.FromSeconds(5)));
        Assert.NotEqual(0, enteredOn);
        Assert.NotEqual(0, exitedOn);
    }

    [Fact]
    public async Task ASectionThatBeganAfterTheGracePeriodStarted_DoesNotHoldItUp()
    {
        using var domain = new RcuDomain(FastPolling);
        RcuAsyncSection late = default;
        RcuGracePeriodCookie cookie = domain.StartGracePeriodPoll();
        domain.Synchronize(); // the polled grace period is at least started and finished by now...
        late = domain.EnterAsyncSection(); // ...and this section begins after it
        Assert.True(domain.IsGracePeriodCompleted(cookie));
        // A grace period that starts while 'late' is open waits for it; one that does not need to, does not.
        ValueTask blocked = domain.SynchronizeAsync();
        await Task.Delay(50);
        Assert.False(blocked.IsCompleted);
        late.Dispose();
        await blocked;
    }

    [Fact]
    public void ExitOnAnotherThread_Balances()
    {
        using var domain = new RcuDomain(FastPolling);
        RcuAsyncSection section = domain.EnterAsyncSection();
        var other = new Thread(() => section.Dispose());
        other.Start();
        other.Join();
        domain.Synchronize(); // would hang if the exit were not counted
        domain.Barrier();
    }

    [Fact]
    public async Task ThousandsOfConcurrentSections_AllAreWaitedFor()
    {
        using var domain = new RcuDomain(FastPolling);
        const int count = 4_000;
        using var go = new SemaphoreSlim(0);
        int open = 0;
        var poison = new Box(0);
        var reference = new RcuReference<Box>(poison, domain);
        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            using (domain.EnterAsyncSection())
            {
                Box seen = reference.Value!;
                Interlocked.Increment(ref open);
                await go.WaitAsync();
                await Task.Yield();
                seen.AssertAlive(); // retired by Replace below only after every section that could see it ended
                Interlocked.Decrement(ref open);
            }
        }).ToArray();
        Assert.True(Eventually.Holds(() => Volatile.Read(ref open) == count, TimeSpan.FromSeconds(20)));
        reference.Replace(new Box(1));
        ValueTask gracePeriod = domain.SynchronizeAsync();
        await Task.Delay(50);
        Assert.False(gracePeriod.IsCompleted);
        Assert.Equal(0, poison.Disposals);
        go.Release(count);
        await Task.WhenAll(tasks);
        await gracePeriod;
        domain.Barrier();
        Assert.Equal(1, poison.Disposals);
    }

    [Fact]
    public async Task CancellingSynchronizeAsync_WhileAnAsyncSectionHoldsIt_CancelsAndLeavesTheCountsIntact()
    {
        using var domain = new RcuDomain(FastPolling);
        RcuAsyncSection section = domain.EnterAsyncSection();
        using var cts = new CancellationTokenSource();
        ValueTask pending = domain.SynchronizeAsync(cts.Token);
        await Task.Delay(20);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pending);
        section.Dispose();
        await domain.SynchronizeAsync(); // ends: the cancelled waiter did not disturb the counts
    }

    [Fact]
    public void DisposingTwice_OrThroughACopy_Throws_AndNeverUnbalancesTheCounts()
    {
        using var domain = new RcuDomain(FastPolling);
        RcuAsyncSection first = domain.EnterAsyncSection();
        RcuAsyncSection copy = first;
        first.Dispose();
        Assert.Throws<InvalidOperationException>(() => first.Dispose());
        Assert.Throws<InvalidOperationException>(() => copy.Dispose());
        Assert.Throws<InvalidOperationException>(() => default(RcuAsyncSection).Dispose());
        // A still-open section must still hold grace periods up: an extra exit would have cancelled it out.
        RcuAsyncSection open = domain.EnterAsyncSection();
        RcuGracePeriodCookie cookie = domain.StartGracePeriodPoll();
        Assert.False(Eventually.Holds(() => domain.IsGracePeriodCompleted(cookie), TimeSpan.FromMilliseconds(100)),
            "a grace period ended under an open async section after a double dispose");
        open.Dispose();
        Assert.True(Eventually.Holds(() => domain.IsGracePeriodCompleted(cookie), TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void AsyncAndThreadSections_AreIndependent()
    {
        using var domain = new RcuDomain(FastPolling);
        using (domain.EnterAsyncSection())
        {
            Assert.False(domain.InReadSection); // not a thread section: the thread may still wait for others' grace periods
            using (domain.ReadLock()) Assert.True(domain.InReadSection);
        }
        domain.Synchronize();
    }

    [Fact]
    public void OnADisposedDomain_EnteringThrows()
    {
        var domain = new RcuDomain();
        domain.Dispose();
        Assert.Throws<ObjectDisposedException>(() => { _ = domain.EnterAsyncSection(); });
    }

    [Fact]
    public void Dispose_WaitsForOpenAsyncSections_ThenDrains()
    {
        var domain = new RcuDomain(FastPolling);
        int ran = 0;
        RcuAsyncSection section = domain.EnterAsyncSection();
        domain.Defer(() => ran = 1);
        var disposer = new Thread(domain.Dispose);
        disposer.Start();
        Assert.False(disposer.Join(100), "Dispose ran the pending callback while an async section that began before it was open");
        Assert.Equal(0, Volatile.Read(ref ran));
        section.Dispose();
        Assert.True(disposer.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, ran);
    }

    [Fact]
    public void AStuckAsyncSection_IsReportedByTheStallWarning_AndExpediteOnlyShortensThePolling()
    {
        using var domain = new RcuDomain(new RcuOptions { PollInterval = TimeSpan.FromSeconds(1), StallWarningThreshold = TimeSpan.FromMilliseconds(50) });
        long reported = -1;
        domain.ReaderStalled += (_, e) => Interlocked.Exchange(ref reported, e.AsyncSections);
        RcuAsyncSection section = domain.EnterAsyncSection();
        RcuGracePeriodCookie cookie = domain.StartGracePeriodPoll();
        domain.Expedite(); // polls every millisecond from now on, so the stall is seen well before the 1 s poll
        Assert.True(Eventually.Holds(() => Interlocked.Read(ref reported) >= 0, TimeSpan.FromSeconds(5)));
        Assert.Equal(1, Interlocked.Read(ref reported));
        Assert.False(domain.IsGracePeriodCompleted(cookie), "forcing ended a grace period under an async section");
        var sw = Stopwatch.StartNew();
        section.Dispose();
        Assert.True(Eventually.Holds(() => domain.IsGracePeriodCompleted(cookie), TimeSpan.FromSeconds(5)));
        Assert.True(sw.Elapsed < TimeSpan.FromMilliseconds(900), $"an expedited grace period still waited {sw.Elapsed} for a 1 s poll");
    }

    [Fact]
    public async Task AsyncReaders_NeverSeeAReplacedObjectDisposed()
    {
        // The RcuReference poisoning test, with readers in async sections that hop threads.
        using var domain = new RcuDomain(FastPolling);
        var reference = new RcuReference<Box>(new Box(0), domain);
        long poisoned = 0, reads = 0;
        using var stop = new CancellationTokenSource();
        Task[] readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using (domain.EnterAsyncSection())
                {
                    Box box = reference.Value!;
                    await Task.Yield();
                    if (box.Disposals != 0) Interlocked.Increment(ref poisoned);
                }
                Interlocked.Increment(ref reads);
            }
        })).ToArray();
        long deadline = Environment.TickCount64 + (long)StressTier.Duration(0.5, 5).TotalMilliseconds;
        int id = 1;
        while (Environment.TickCount64 < deadline) reference.Replace(new Box(id++));
        stop.Cancel();
        await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(10));
        domain.Barrier();
        Assert.True(Interlocked.Read(ref reads) > 0, "no async reader completed a section (thread pool starved?)");
        Assert.True(Interlocked.Read(ref poisoned) == 0, $"{Interlocked.Read(ref poisoned)} of {Interlocked.Read(ref reads)} async reads saw a disposed object");
    }
}
