using System.Collections.Concurrent;

namespace RcuCollections.Tests.Engine;

public class CallbackTests
{
    [Fact]
    public void Callbacks_RunOnce_InFifoOrder_FromSeveralProducers()
    {
        using var domain = new RcuDomain();
        const int producers = 4, perProducer = 2_000;
        var seen = new ConcurrentQueue<(int Producer, int Seq)>();
        var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
        {
            for (int i = 0; i < perProducer; i++)
            {
                int seq = i;
                domain.Defer(() => seen.Enqueue((p, seq)));
            }
        })).ToArray();
        foreach (Thread t in threads) t.Start();
        foreach (Thread t in threads) t.Join();
        domain.Barrier();

        Assert.Equal(producers * perProducer, seen.Count);
        // Per producer, FIFO: its callbacks ran in the order it deferred them, each exactly once.
        foreach (IGrouping<int, (int Producer, int Seq)> g in seen.GroupBy(s => s.Producer))
            Assert.Equal(Enumerable.Range(0, perProducer), g.Select(s => s.Seq));
        Assert.Equal(producers * perProducer + 1, domain.GetStatistics().CallbacksInvoked); // + the barrier marker
        Assert.Equal(0, domain.GetStatistics().CallbacksPending);
    }

    [Fact]
    public void ThrowingCallback_IsCountedAndReported_AndLaterCallbacksStillRun()
    {
        using var domain = new RcuDomain();
        var reported = new ConcurrentQueue<Exception>();
        domain.CallbackFailed += (_, e) => reported.Enqueue(e.Exception);
        int after = 0;
        domain.Defer(() => throw new InvalidTimeZoneException("boom"));
        domain.Defer(() => after = 1);
        domain.Barrier();
        Assert.Equal(1, after);
        Assert.Equal(1, domain.GetStatistics().CallbackFailures);
        Assert.IsType<InvalidTimeZoneException>(Assert.Single(reported));
    }

    [Fact]
    public void Retire_DisposesAfterAGracePeriod_NotWhileAPriorReaderHoldsOn()
    {
        using var domain = new RcuDomain(new RcuOptions { PollsBeforeForce = 1000 });
        var resource = new Probe();
        var holding = new ManualResetEventSlim();
        var release = new ManualResetEventSlim();
        var reader = new Thread(() =>
        {
            using (domain.ReadLock())
            {
                holding.Set();
                release.Wait();
            }
        });
        reader.Start();
        holding.Wait();
        domain.Retire(resource);
        Assert.False(Support.Eventually.Holds(() => resource.Disposed, TimeSpan.FromMilliseconds(200)),
            "Disposed while a reader that began before Retire was still in its section.");
        release.Set();
        reader.Join();
        Assert.True(Support.Eventually.Holds(() => resource.Disposed, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void RcuCallbackNode_IsReusable_AndCannotBeQueuedTwiceAtOnce()
    {
        using var domain = new RcuDomain(new RcuOptions { PollsBeforeForce = 1000 });
        var node = new CountingCallback();
        using (var reader = new Support.SpinningReader(domain, Support.SpinningReader.ExitMode.Never))
        {
            domain.Defer(node);
            Assert.Throws<InvalidOperationException>(() => domain.Defer(node));
        }
        domain.Barrier();
        Assert.Equal(1, node.Count);
        domain.Defer(node); // reusable once it ran
        domain.Barrier();
        Assert.Equal(2, node.Count);
    }

    [Fact]
    public void Dispose_RunsWhatIsPending()
    {
        var domain = new RcuDomain();
        int ran = 0;
        for (int i = 0; i < 100; i++) domain.Defer(() => Interlocked.Increment(ref ran));
        domain.Dispose();
        Assert.Equal(100, Volatile.Read(ref ran));
    }

    [Fact]
    public async Task Dispose_CompletesPendingSynchronizeAsync()
    {
        var domain = new RcuDomain();
        Task t = domain.SynchronizeAsync().AsTask();
        domain.Dispose();
        Task first = await Task.WhenAny(new[] { t, Task.Delay(TimeSpan.FromSeconds(10)) });
        Assert.Same(t, first);
    }

    [Fact]
    public async Task SynchronizeAsync_CompletesAndSupportsCancellation()
    {
        using var domain = new RcuDomain(new RcuOptions { PollsBeforeForce = 1000 });
        await domain.SynchronizeAsync();
        using var reader = new Support.SpinningReader(domain, Support.SpinningReader.ExitMode.Never);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await domain.SynchronizeAsync(cts.Token));
    }

    [Fact]
    public void GracePeriodCookie_CompletesOnlyAfterPriorReadersLeave()
    {
        using var domain = new RcuDomain(new RcuOptions { PollsBeforeForce = 1000 });
        var holding = new ManualResetEventSlim();
        var release = new ManualResetEventSlim();
        var reader = new Thread(() =>
        {
            using (domain.ReadLock())
            {
                holding.Set();
                release.Wait();
            }
        });
        reader.Start();
        holding.Wait();
        RcuGracePeriodCookie cookie = domain.StartGracePeriodPoll();
        Assert.False(Support.Eventually.Holds(() => domain.IsGracePeriodCompleted(cookie), TimeSpan.FromMilliseconds(150)));
        release.Set();
        reader.Join();
        Assert.True(Support.Eventually.Holds(() => domain.IsGracePeriodCompleted(cookie), TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void BackPressure_BlocksDefer_UntilTheCallbackThreadCatchesUp()
    {
        using var domain = new RcuDomain(new RcuOptions { ForceAtPendingCallbacks = 10, MaxPendingCallbacks = 20, PollsBeforeForce = 1000 });
        var blocked = new ManualResetEventSlim();
        var release = new ManualResetEventSlim();
        var reader = new Thread(() =>
        {
            using (domain.ReadLock())
            {
                blocked.Set();
                release.Wait(); // a stuck reader: no grace period can end
            }
        });
        reader.Start();
        blocked.Wait();
        int deferred = 0;
        var producer = new Thread(() =>
        {
            for (int i = 0; i < 25; i++)
            {
                domain.Defer(() => { });
                Interlocked.Increment(ref deferred);
            }
        });
        producer.Start();
        Assert.True(Support.Eventually.Holds(() => Volatile.Read(ref deferred) >= 20, TimeSpan.FromSeconds(5)));
        Assert.False(producer.Join(200), "Defer must block once more than MaxPendingCallbacks are pending.");
        Assert.InRange(Volatile.Read(ref deferred), 20, 21);
        release.Set();
        Assert.True(producer.Join(TimeSpan.FromSeconds(10)));
        reader.Join();
        Assert.True(domain.GetStatistics().BackPressureWaits >= 1);
    }

    private sealed class Probe : IDisposable
    {
        private int _disposed;
        public bool Disposed => Volatile.Read(ref _disposed) != 0;
        public void Dispose() => Volatile.Write(ref _disposed, 1);
    }

    private sealed class CountingCallback : RcuCallback
    {
        private int _count;
        public int Count => Volatile.Read(ref _count);
        protected override void Invoke() => Interlocked.Increment(ref _count);
    }
}
