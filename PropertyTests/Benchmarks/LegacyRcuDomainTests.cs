using RcuCollections.Benchmarks.Baselines.LegacyRcu;

namespace RcuCollections.Tests.Benchmarks;

/// <summary>
/// The pre-patch port must be a correct RCU (or the seed claims compare against a broken baseline) and must show
/// the pre-patch behaviours the claims rely on: notifiers only during a drain, the slow path on every scan.
/// </summary>
public sealed class LegacyRcuDomainTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    [Fact]
    public void Synchronize_waits_for_a_section_that_began_before_it()
    {
        using var domain = new LegacyRcuDomain();
        using var entered = new ManualResetEventSlim();
        using var leave = new ManualResetEventSlim();
        var reader = new Thread(() =>
        {
            domain.ReadLockCore();
            entered.Set();
            leave.Wait();
            domain.ReadUnlock();
        });
        reader.Start();
        Assert.True(entered.Wait(Generous));

        using BackgroundCall synchronize = BackgroundCall.Start(domain.Synchronize);
        Assert.False(synchronize.Wait(TimeSpan.FromMilliseconds(100)), "Synchronize returned while a pre-existing reader was inside its section.");
        // The writer has set waiting and gone to sleep, so the reader's exit must take the slow path.
        Assert.True(SpinWait.SpinUntil(() => domain.GetStatistics().WriterSleeps >= 1, Generous));
        leave.Set();
        Assert.True(synchronize.Wait(Generous));
        reader.Join();
        Assert.True(domain.GetStatistics().SlowPathExits >= 1, "The waiting reader's exit should have taken the slow path.");
    }

    [Fact]
    public void Deferred_callbacks_run_after_the_reader_leaves_in_fifo_order()
    {
        using var domain = new LegacyRcuDomain();
        using var entered = new ManualResetEventSlim();
        using var leave = new ManualResetEventSlim();
        var reader = new Thread(() =>
        {
            domain.ReadLockCore();
            entered.Set();
            leave.Wait();
            domain.ReadUnlock();
        });
        reader.Start();
        Assert.True(entered.Wait(Generous));

        var order = new List<int>();
        for (int i = 1; i <= 3; i++)
        {
            int n = i;
            domain.Defer(() => { lock (order) order.Add(n); });
        }
        // Longer than the batching delay (5 × 10 ms): the grace period has started and must still be waiting.
        Thread.Sleep(200);
        lock (order)
            Assert.Empty(order);
        leave.Set();
        reader.Join();
        domain.Barrier();
        lock (order)
            Assert.Equal([1, 2, 3], order);
    }

    [Fact]
    public void A_lone_Defer_never_kicks_a_spinning_reader()
    {
        using var domain = new LegacyRcuDomain();
        using var reader = SpinningReader.Start(domain);
        using var ran = new ManualResetEventSlim();
        domain.Defer(ran.Set);
        // The F1 stall: without a drain the pre-patch engine never calls the notifier.
        Assert.False(ran.Wait(TimeSpan.FromMilliseconds(300)), "The callback ran although the reader never left its section.");
        Assert.Equal(0, domain.GetStatistics().ForceCallbacksInvoked);
        reader.Stop(); // a natural exit ends the grace period
        Assert.True(ran.Wait(Generous));
    }

    [Fact]
    public void Barrier_from_an_idle_engine_kicks_a_spinning_reader()
    {
        using var domain = new LegacyRcuDomain();
        using var reader = SpinningReader.Start(domain);
        using BackgroundCall barrier = BackgroundCall.Start(domain.Barrier);
        Assert.True(barrier.Wait(Generous), "drain_call_rcu should notify the spinning reader.");
        Assert.True(domain.GetStatistics().ForceCallbacksInvoked >= 1);
    }

    [Fact]
    public void Barrier_during_a_waiting_grace_period_does_not_kick_until_a_reader_exits()
    {
        // Faithful to docs/design/rcu-algorithms.md §3.2: the writer checks in_drain_call_rcu only while scanning, and
        // sleeps on rcu_gp_event, which only a reader exit sets. A drain that starts while a grace period already waits
        // on a spinning reader therefore waits for that reader's natural exit.
        using var domain = new LegacyRcuDomain();
        using var reader = SpinningReader.Start(domain);
        using var ran = new ManualResetEventSlim();
        domain.Defer(ran.Set);
        // Wait until the grace period has scanned (without the drain flag) and gone to sleep on the event.
        Assert.True(SpinWait.SpinUntil(() => domain.GetStatistics().WriterSleeps >= 1, Generous));
        using BackgroundCall barrier = BackgroundCall.Start(domain.Barrier);
        Assert.False(barrier.Wait(TimeSpan.FromMilliseconds(300)));
        Assert.Equal(0, domain.GetStatistics().ForceCallbacksInvoked);
        reader.Stop();
        Assert.True(barrier.Wait(Generous));
        Assert.True(ran.IsSet);
    }

    [Fact]
    public void Misuse_is_an_exception_not_a_hang()
    {
        using var domain = new LegacyRcuDomain();
        domain.ReadLockCore();
        try
        {
            Assert.Throws<InvalidOperationException>(domain.Synchronize);
            Assert.Throws<InvalidOperationException>(domain.Barrier);
        }
        finally
        {
            domain.ReadUnlock();
        }
        Assert.Throws<InvalidOperationException>(domain.ReadUnlock);
        Assert.Throws<NotSupportedException>(domain.Expedite);
    }

    [Fact]
    public void Nested_sections_hold_the_grace_period_until_the_outermost_exit()
    {
        using var domain = new LegacyRcuDomain();
        using var inner = new ManualResetEventSlim();
        using var step = new ManualResetEventSlim();
        using var outerDone = new ManualResetEventSlim();
        var reader = new Thread(() =>
        {
            domain.ReadLockCore();
            domain.ReadLockCore();
            inner.Set();
            step.Wait();
            domain.ReadUnlock(); // inner exit: still inside the outer section
            outerDone.Wait();
            domain.ReadUnlock();
        });
        reader.Start();
        Assert.True(inner.Wait(Generous));
        using BackgroundCall synchronize = BackgroundCall.Start(domain.Synchronize);
        step.Set();
        Assert.False(synchronize.Wait(TimeSpan.FromMilliseconds(100)), "An inner unlock ended the section.");
        outerDone.Set();
        Assert.True(synchronize.Wait(Generous));
        reader.Join();
    }
}
