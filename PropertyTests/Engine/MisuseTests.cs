namespace RcuCollections.Tests.Engine;

public class MisuseTests
{
    [Fact]
    public void Synchronize_InsideASection_Throws()
    {
        using var domain = new RcuDomain();
        using var g = domain.ReadLock();
        Assert.Throws<InvalidOperationException>(domain.Synchronize);
    }

    [Fact]
    public void Barrier_InsideASection_Throws()
    {
        using var domain = new RcuDomain();
        using var g = domain.ReadLock();
        Assert.Throws<InvalidOperationException>(domain.Barrier);
    }

    [Fact]
    public void SynchronizeAsync_InsideASection_Throws()
    {
        using var domain = new RcuDomain();
        using var g = domain.ReadLock();
        Assert.Throws<InvalidOperationException>(() => { _ = domain.SynchronizeAsync(); });
    }

    [Fact]
    public void BlockingOnSynchronizeAsync_InsideASection_Throws()
    {
        using var domain = new RcuDomain(new RcuOptions { PollsBeforeForce = 1000 });
        using var reader = new Support.SpinningReader(domain, Support.SpinningReader.ExitMode.Never);
        ValueTask pending = domain.SynchronizeAsync(); // cannot complete while the stuck reader holds on
        using (domain.ReadLock())
        {
            Assert.Throws<InvalidOperationException>(() => pending.GetAwaiter().GetResult());
        }
    }

    [Fact]
    public void SynchronizeAndBarrier_FromACallback_Throw_AndTheThreadKeepsRunning()
    {
        using var domain = new RcuDomain();
        Exception? fromSynchronize = null, fromBarrier = null;
        domain.Defer(() =>
        {
            try { domain.Synchronize(); } catch (Exception e) { fromSynchronize = e; }
            try { domain.Barrier(); } catch (Exception e) { fromBarrier = e; }
        });
        domain.Barrier();
        Assert.IsType<InvalidOperationException>(fromSynchronize);
        Assert.IsType<InvalidOperationException>(fromBarrier);
        int ran = 0;
        domain.Defer(() => ran = 1);
        domain.Barrier();
        Assert.Equal(1, ran);
    }

    [Fact]
    public void DefaultDomain_CannotBeDisposed()
    {
        Assert.Throws<InvalidOperationException>(RcuDomain.Default.Dispose);
        RcuDomain.Default.Synchronize();
    }

    [Fact]
    public void UseAfterDispose_Throws()
    {
        var domain = new RcuDomain();
        domain.Dispose();
        domain.Dispose(); // idempotent
        Assert.Throws<ObjectDisposedException>(() => domain.Defer(() => { }));
        Assert.Throws<ObjectDisposedException>(() => domain.Retire(new MemoryStream()));
        Assert.Throws<ObjectDisposedException>(domain.Synchronize);
        Assert.Throws<ObjectDisposedException>(domain.Barrier);
        Assert.Throws<ObjectDisposedException>(() => domain.StartGracePeriodPoll());
    }

    [Fact]
    public void NullArguments_Throw()
    {
        using var domain = new RcuDomain();
        Assert.Throws<ArgumentNullException>(() => domain.Defer((Action)null!));
        Assert.Throws<ArgumentNullException>(() => domain.Defer((RcuCallback)null!));
        Assert.Throws<ArgumentNullException>(() => domain.Retire(null!));
        Assert.Throws<ArgumentNullException>(() => domain.RegisterForceCallback(null!));
    }

    [Theory]
    [InlineData(0, 5, 30)]
    [InlineData(10, -1, 30)]
    [InlineData(10, 5, 0)]
    public void BadOptions_Throw(int pollMs, int polls, int forceAt)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RcuDomain(new RcuOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(pollMs),
            PollsBeforeForce = polls,
            ForceAtPendingCallbacks = forceAt,
        }));
    }

    [Fact]
    public void DisposingTheDomain_InsideItsSection_Throws()
    {
        using var domain = new RcuDomain();
        using (domain.ReadLock())
        {
            Assert.Throws<InvalidOperationException>(domain.Dispose);
        }
    }

    [Fact]
    public void Synchronize_FromAReaderStalledHandler_Throws_InsteadOfHanging()
    {
        // The handler runs on the thread driving the grace period; waiting for a grace period there waits for itself (D9).
        using var domain = new RcuDomain(new RcuOptions { StallWarningThreshold = TimeSpan.FromMilliseconds(20), PollsBeforeForce = 1000 });
        using var handled = new ManualResetEventSlim();
        Exception? fromHandler = null;
        domain.ReaderStalled += (_, _) =>
        {
            if (handled.IsSet) return;
            Exception? seen = null;
            try { domain.Synchronize(); } catch (Exception e) { seen = e; }
            try { domain.Barrier(); } catch (Exception e) { seen ??= e; }
            fromHandler = seen;
            handled.Set();
        };
        using (var reader = new Support.SpinningReader(domain, Support.SpinningReader.ExitMode.Never))
        {
            var synchronizer = new Thread(domain.Synchronize) { IsBackground = true };
            synchronizer.Start();
            Assert.True(handled.Wait(TimeSpan.FromSeconds(10)), "the stall handler never finished: Synchronize inside it hangs");
            Assert.IsType<InvalidOperationException>(fromHandler);
            reader.Dispose();
            Assert.True(synchronizer.Join(TimeSpan.FromSeconds(10)));
        }
    }

    [Fact]
    public void CopiedGuard_DisposedAfterTheThreadReentered_Throws_AndLeavesTheNewSectionIntact()
    {
        using var domain = new RcuDomain();
        RcuReadGuard first = domain.ReadLock();
        RcuReadGuard copy = first; // a ref struct can still be copied on the stack
        first.Dispose();
        RcuReadGuard second = domain.ReadLock();
        InvalidOperationException? thrown = null;
        try
        {
            copy.Dispose();
        }
        catch (InvalidOperationException e)
        {
            thrown = e;
        }
        Assert.NotNull(thrown);
        Assert.True(domain.InReadSection, "the stale copy ended the newer section");
        second.Dispose();
        Assert.False(domain.InReadSection);
    }

    [Fact]
    public void DeferWithoutWaiting_NeverBlocks_AndWaitForCallbackCapacity_WaitsAfterwards()
    {
        // The policy for callers that hold a lock a callback may need (D4): queue without waiting under the lock, wait
        // for capacity after releasing it.
        using var domain = new RcuDomain(new RcuOptions { ForceAtPendingCallbacks = 10, MaxPendingCallbacks = 20, PollsBeforeForce = 1000 });
        using var reader = new Support.SpinningReader(domain, Support.SpinningReader.ExitMode.Never);
        var producer = new Thread(() =>
        {
            for (int i = 0; i < 50; i++) domain.Defer(() => { }, waitForCapacity: false);
            domain.Retire(new MemoryStream(), waitForCapacity: false);
        });
        producer.Start();
        Assert.True(producer.Join(TimeSpan.FromSeconds(10)), "Defer(waitForCapacity: false) blocked");
        Assert.True(domain.GetStatistics().CallbacksPending > 20);
        var waiter = new Thread(domain.WaitForCallbackCapacity);
        waiter.Start();
        Assert.False(waiter.Join(200), "WaitForCallbackCapacity must wait while the backlog is over the limit");
        reader.Dispose();
        Assert.True(waiter.Join(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void WaitForCallbackCapacity_OnADisposedDomain_ReturnsAtOnce()
    {
        var domain = new RcuDomain();
        domain.Dispose();
        domain.WaitForCallbackCapacity();
    }
}
