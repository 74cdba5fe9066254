using RcuCollections.Benchmarks.Baselines.LegacyRcu;

namespace RcuCollections.Tests.Benchmarks;

/// <summary>QemuEvent semantics (docs/design/rcu-algorithms.md §4.6) as ported for the pre-patch baseline.</summary>
public sealed class LegacyEventTests
{
    [Fact]
    public void A_set_event_does_not_block_and_reset_rearms_it()
    {
        var e = new LegacyEvent(initiallySet: true);
        e.Wait(); // SET: returns at once
        e.Reset();
        Assert.False(e.IsSet);
        e.Set();
        Assert.True(e.IsSet);
        e.Wait();
    }

    [Fact]
    public void A_waiter_sleeps_until_set_and_is_woken()
    {
        var e = new LegacyEvent(initiallySet: false);
        using BackgroundCall waiter = BackgroundCall.Start(e.Wait);
        Assert.False(waiter.Wait(TimeSpan.FromMilliseconds(50)));
        e.Set();
        Assert.True(waiter.Wait(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Reset_never_forgets_a_sleeping_waiter()
    {
        var e = new LegacyEvent(initiallySet: false);
        using BackgroundCall waiter = BackgroundCall.Start(e.Wait);
        Thread.Sleep(20);
        e.Reset(); // BUSY stays BUSY
        e.Set();
        Assert.True(waiter.Wait(TimeSpan.FromSeconds(10)));
    }
}
