using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.Engine;

/// <summary>
/// <see cref="RcuThreadReader"/>: the same sections as <see cref="RcuDomain.ReadLock"/>, entered without the per-call
/// record lookup. One nesting with <see cref="RcuDomain.ReadLock"/>, the same misuse rules, and grace periods wait for it.
/// </summary>
public class ThreadReaderTests
{
    [Fact]
    public void HandleSections_NestWithPerCallSections_BothWays()
    {
        using var domain = new RcuDomain();
        RcuThreadReader reader = domain.GetThreadReader();
        Assert.Same(domain, reader.Domain);
        Assert.False(reader.InReadSection);
        using (reader.ReadLock())
        {
            Assert.True(domain.InReadSection);
            using (domain.ReadLock())
            {
                Assert.True(reader.InReadSection);
            }
            Assert.True(domain.InReadSection, "leaving the inner per-call section ended the handle's outer one");
            Assert.Throws<InvalidOperationException>(domain.Synchronize);
        }
        Assert.False(reader.InReadSection);
        using (domain.ReadLock())
        {
            using (reader.ReadLock()) Assert.True(domain.InReadSection);
            Assert.True(reader.InReadSection);
        }
        Assert.False(domain.InReadSection);
        domain.Synchronize();
    }

    [Fact]
    public void HandleGuards_FollowTheGuardRules()
    {
        using var domain = new RcuDomain();
        RcuThreadReader reader = domain.GetThreadReader();
        RcuReadGuard outer = reader.ReadLock();
        RcuReadGuard inner = reader.ReadLock();
        InvalidOperationException? outOfOrder = null;
        try { outer.Dispose(); } catch (InvalidOperationException e) { outOfOrder = e; }
        Assert.NotNull(outOfOrder);
        inner.Dispose();
        outer.Dispose();
        InvalidOperationException? twice = null;
        try { outer.Dispose(); } catch (InvalidOperationException e) { twice = e; }
        Assert.NotNull(twice);
        Assert.False(reader.InReadSection);
    }

    [Fact]
    public void DefaultHandle_ThrowsAClearException()
    {
        RcuThreadReader none = default;
        Assert.Throws<InvalidOperationException>(() => { using RcuReadGuard g = default(RcuThreadReader).ReadLock(); });
        Assert.Throws<InvalidOperationException>(() => _ = default(RcuThreadReader).InReadSection);
        Assert.Throws<InvalidOperationException>(() => _ = default(RcuThreadReader).ForceRequested);
        Assert.Throws<InvalidOperationException>(() => default(RcuThreadReader).Quiescent());
        Assert.Throws<InvalidOperationException>(() => _ = default(RcuThreadReader).Domain);
        _ = none;
    }

    [Fact]
    public void GetThreadReader_OnADisposedDomain_ThrowsForAThreadThatNeverRegistered()
    {
        var domain = new RcuDomain();
        domain.Dispose();
        Assert.Throws<ObjectDisposedException>(() => { _ = domain.GetThreadReader(); });
    }

    [Fact]
    public void AGracePeriod_WaitsForAHandleSection_AndForcingReachesIt()
    {
        using var domain = new RcuDomain(new RcuOptions { PollsBeforeForce = 1000, PollInterval = TimeSpan.FromMilliseconds(1) });
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        bool sawForce = false;
        var thread = new Thread(() =>
        {
            RcuThreadReader reader = domain.GetThreadReader();
            using (reader.ReadLock())
            {
                entered.Set();
                // Spin until forced, then checkpoint through the handle; stay in the section until released.
                while (!reader.ForceRequested) Thread.SpinWait(20);
                sawForce = true;
                reader.Quiescent();
                release.Wait();
            }
        });
        thread.Start();
        entered.Wait();
        RcuGracePeriodCookie cookie = domain.StartGracePeriodPoll();
        Assert.False(Eventually.Holds(() => domain.IsGracePeriodCompleted(cookie), TimeSpan.FromMilliseconds(100)),
            "a grace period ended while a handle section that began before it was open");
        domain.Expedite(); // forced: the reader sees ForceRequested and reports a quiescent state through the handle
        Assert.True(Eventually.Holds(() => domain.IsGracePeriodCompleted(cookie), TimeSpan.FromSeconds(10)));
        release.Set();
        Assert.True(thread.Join(TimeSpan.FromSeconds(10)));
        Assert.True(sawForce);
    }

    [Fact]
    public void ManyDomainsOnOneThread_EachHandleAndEachReadLockFindsItsOwnRecord()
    {
        // The one-entry "last record" cache in front of ReadLock must never hand one domain's record to another.
        var domains = Enumerable.Range(0, 5).Select(_ => new RcuDomain()).ToArray();
        try
        {
            for (int round = 0; round < 100; round++)
            {
                RcuDomain a = domains[round % 5], b = domains[(round * 3 + 1) % 5];
                using (a.ReadLock())
                {
                    Assert.True(a.InReadSection);
                    Assert.Equal(ReferenceEquals(a, b), b.InReadSection);
                    RcuThreadReader rb = b.GetThreadReader();
                    using (rb.ReadLock())
                    {
                        Assert.True(b.InReadSection);
                    }
                    Assert.True(a.InReadSection);
                }
                Assert.All(domains, d => Assert.False(d.InReadSection));
            }
        }
        finally
        {
            foreach (RcuDomain d in domains) d.Dispose();
        }
    }

    [Fact]
    public void FullFenceFlavour_HandleSections_AreWaitedForAndExitThroughTheFence()
    {
        using var domain = new RcuDomain(new RcuOptions { ReadFlavor = RcuReadFlavor.FullFence });
        using var reader = new SpinningReader(domain, SpinningReader.ExitMode.ForceCallback);
        domain.Synchronize(); // forced after polls: the spinning reader leaves through its force callback
        domain.Barrier();
        RcuThreadReader mine = domain.GetThreadReader();
        for (int i = 0; i < 1000; i++)
        {
            using (mine.ReadLock()) { }
        }
        domain.Synchronize();
        Assert.True(reader.Kicks >= 1);
    }
}
