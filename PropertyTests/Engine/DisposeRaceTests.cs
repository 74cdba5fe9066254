using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.Engine;

/// <summary>
/// Every operation racing <see cref="RcuDomain.Dispose"/> either completes (its callback runs, its wait ends) or throws
/// <see cref="ObjectDisposedException"/>; nothing is silently dropped (defect D1). <see cref="RcuDomain.Dispose"/> is
/// idempotent and thread-safe (D2). The two sides are pinned to different CPUs and released at one clock instant
/// (<see cref="Race"/>), which is what makes the few-instruction windows show up on two cores.
/// </summary>
public class DisposeRaceTests
{
    private static readonly int Trials = StressTier.Pick(1000, 5000);

    private sealed class Probe
    {
        public readonly RcuDomain Domain = new();
        public int Ran;
        public ValueTask Pending;
        public RcuGracePeriodCookie Cookie;
    }

    private static void AssertOnlyDisposedException(Exception? e)
    {
        if (e is not null && e is not ObjectDisposedException) throw new Xunit.Sdk.XunitException($"Unexpected exception: {e}");
    }

    [Fact]
    public void Defer_RacingDispose_RunsOrThrows()
    {
        Race.Run(Trials,
            _ => new Probe(),
            p => p.Domain.Defer(() => Interlocked.Increment(ref p.Ran)),
            p => p.Domain.Dispose(),
            (p, o) =>
            {
                AssertOnlyDisposedException(o.First);
                Assert.Null(o.Second);
                // Dispose has returned: a Defer that returned normally has had its callback run.
                Assert.Equal(o.First is null ? 1 : 0, Volatile.Read(ref p.Ran));
                Assert.Equal(0, p.Domain.GetStatistics().CallbacksPending);
            });
    }

    [Fact]
    public void Defer_RacingDispose_WithTheCallbackThreadAlreadyIdle_RunsOrThrows()
    {
        // The callback thread is running and idle: it may read "nothing pending" just before the Defer counts itself,
        // then see Dispose's stop request (found by the Coyote scenario in PropertyTests.Coyote/EngineScenarios.cs).
        Race.Run(Trials,
            trial =>
            {
                var p = new Probe();
                p.Domain.Barrier(); // starts the callback thread
                // Keep it busy until about the release instant, so that it comes back to its "anything pending?" check
                // while the two sides run (the trials sweep the callback's length across the window).
                long until = System.Diagnostics.Stopwatch.GetTimestamp() + System.Diagnostics.Stopwatch.Frequency * (400 + trial % 200) / 1_000_000;
                p.Domain.Defer(() => { while (System.Diagnostics.Stopwatch.GetTimestamp() < until) Thread.SpinWait(1); });
                return p;
            },
            p => p.Domain.Defer(() => Interlocked.Increment(ref p.Ran)),
            p => p.Domain.Dispose(),
            (p, o) =>
            {
                AssertOnlyDisposedException(o.First);
                Assert.Null(o.Second);
                Assert.True(Volatile.Read(ref p.Ran) == (o.First is null ? 1 : 0), $"trial {o.Trial}: an accepted Defer never ran (Dispose returned)");
                Assert.Equal(0, p.Domain.GetStatistics().CallbacksPending);
            });
    }

    [Fact]
    public void Retire_RacingDispose_DisposesOrThrows()
    {
        Race.Run(Trials,
            _ => new Probe(),
            p => p.Domain.Retire(new DisposeCounter(() => Interlocked.Increment(ref p.Ran))),
            p => p.Domain.Dispose(),
            (p, o) =>
            {
                AssertOnlyDisposedException(o.First);
                Assert.Null(o.Second);
                Assert.Equal(o.First is null ? 1 : 0, Volatile.Read(ref p.Ran));
            });
    }

    [Fact]
    public void Barrier_RacingDispose_ReturnsOrThrows()
    {
        Race.Run(Trials,
            _ => new Probe(),
            p => p.Domain.Barrier(),
            p => p.Domain.Dispose(),
            (_, o) =>
            {
                AssertOnlyDisposedException(o.First);
                Assert.Null(o.Second);
            });
    }

    [Fact]
    public void SynchronizeAsync_RacingDispose_CompletesOrThrows()
    {
        Race.Run(Trials,
            _ => new Probe(),
            p => p.Pending = p.Domain.SynchronizeAsync(),
            p => p.Domain.Dispose(),
            (p, o) =>
            {
                AssertOnlyDisposedException(o.First);
                Assert.Null(o.Second);
                if (o.First is null)
                {
                    Task completion = p.Pending.AsTask();
                    Assert.True(completion.Wait(TimeSpan.FromSeconds(10)) || completion.IsFaulted,
                        $"trial {o.Trial}: the task returned by SynchronizeAsync never completed");
                }
            });
    }

    [Fact]
    public void StartGracePeriodPoll_RacingDispose_CompletesOrThrows()
    {
        Race.Run(Trials,
            _ => new Probe(),
            p => p.Cookie = p.Domain.StartGracePeriodPoll(),
            p => p.Domain.Dispose(),
            (p, o) =>
            {
                AssertOnlyDisposedException(o.First);
                Assert.Null(o.Second);
                if (o.First is null)
                    Assert.True(p.Domain.IsGracePeriodCompleted(p.Cookie), $"trial {o.Trial}: the polled grace period never ran");
            });
    }

    [Fact]
    public void Expedite_RacingDispose_NeverThrowsOrRestartsTheCallbackThread()
    {
        Race.Run(Trials,
            _ => new Probe(),
            p => p.Domain.Expedite(),
            p => p.Domain.Dispose(),
            (p, o) =>
            {
                Assert.Null(o.First);
                Assert.Null(o.Second);
                Assert.True(p.Domain.IsDisposed);
            });
    }

    [Fact]
    public void Defer_FromACallback_WhileDisposeDrains_RunsOrReportsTheFailure()
    {
        // The callback thread is already draining for Dispose when a callback defers more work: that work either runs
        // before the thread exits or its Defer throws (reported through CallbackFailed); it is never silently dropped.
        for (int trial = 0; trial < 50; trial++)
        {
            var domain = new RcuDomain();
            int ran = 0, failures = 0;
            domain.CallbackFailed += (_, e) => { if (e.Exception is ObjectDisposedException) Interlocked.Increment(ref failures); };
            for (int i = 0; i < 20; i++)
                domain.Defer(() => domain.Defer(() => Interlocked.Increment(ref ran)));
            domain.Dispose();
            Assert.Equal(20, Volatile.Read(ref ran) + Volatile.Read(ref failures));
            Assert.Equal(0, domain.GetStatistics().CallbacksPending);
        }
    }

    [Fact]
    public void ConcurrentDispose_ReturnsTheSlotOnce_AndEveryCallerReturnsAfterDisposal()
    {
        Race.Run(Trials,
            _ => new Probe(),
            p => p.Domain.Dispose(),
            p => p.Domain.Dispose(),
            (p, o) =>
            {
                Assert.Null(o.First);
                Assert.Null(o.Second);
                // Two later live domains must not share a slot: a section of one must not look like a section of the other.
                using var a = new RcuDomain();
                using var b = new RcuDomain();
                Assert.NotEqual(a.Slot, b.Slot);
                using (a.ReadLock())
                {
                    using (b.ReadLock())
                    {
                        Assert.True(a.InReadSection, $"trial {o.Trial}: entering b's section ended a's (shared slot)");
                    }
                    Assert.Throws<InvalidOperationException>(a.Synchronize);
                }
            });
    }

    [Fact]
    public void Dispose_RunsALastGracePeriod_EvenWithNothingPending_AndWhenDisposedCompletesOnlyAfterIt()
    {
        // A resource whose Retire is refused during the disposal is released on WhenDisposed: that is safe only if the
        // disposal waited for every reader inside a section, even when it had no callback to drain.
        var domain = new RcuDomain(new RcuOptions { PollInterval = TimeSpan.FromMilliseconds(1) });
        var reader = new HeldReader(domain);
        var disposer = new Thread(domain.Dispose);
        disposer.Start();
        Assert.True(Eventually.Holds(() => domain.IsDisposed, TimeSpan.FromSeconds(5)));
        Assert.Throws<ObjectDisposedException>(() => domain.Retire(new MemoryStream()));
        Assert.False(disposer.Join(100), "Dispose returned while a reader that began before it was still in its section");
        Assert.False(domain.WhenDisposed.IsCompleted);
        reader.Dispose(); // leaves its section
        Assert.True(disposer.Join(TimeSpan.FromSeconds(10)));
        Assert.True(domain.WhenDisposed.IsCompletedSuccessfully);
    }

    [Fact]
    public void Dispose_AfterDisposal_IsANoOp_EvenInsideASectionOfAnotherDomain()
    {
        var domain = new RcuDomain();
        domain.Dispose();
        domain.Dispose();
        Assert.True(domain.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => domain.Defer(() => { }));
        Assert.Throws<ObjectDisposedException>(() => domain.Retire(new DisposeCounter(() => { })));
        Assert.Throws<ObjectDisposedException>(domain.Barrier);
        Assert.Throws<ObjectDisposedException>(domain.Synchronize);
        Assert.Throws<ObjectDisposedException>(() => domain.StartGracePeriodPoll());
        Assert.Throws<ObjectDisposedException>(() => { _ = domain.SynchronizeAsync(); });
        domain.Expedite(); // a hint: never throws
    }

    [Fact]
    public void DeferOfANode_RejectedByADisposedDomain_CanBeDeferredElsewhere()
    {
        var node = new CountingCallback();
        var disposed = new RcuDomain();
        disposed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => disposed.Defer(node));
        using var live = new RcuDomain();
        live.Defer(node); // the failed Defer must not leave the node marked pending
        live.Barrier();
        Assert.Equal(1, node.Runs);
    }

    private sealed class CountingCallback : RcuCallback
    {
        public int Runs;
        protected override void Invoke() => Interlocked.Increment(ref Runs);
    }

    private sealed class DisposeCounter(Action onDispose) : IDisposable
    {
        public void Dispose() => onDispose();
    }
}
