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
}
