using System.Collections.Concurrent;
using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.Hostile;

/// <summary>
/// Every public entry point of <see cref="RcuDomain"/> under bad input (ParamName), use after Dispose (from a thread
/// that used the domain and from one that never did: ObjectDisposedException or a documented no-op, never a hang),
/// races with Dispose the engine tests do not cover (force-callback registration, fresh readers), throwing user code
/// (callbacks, RcuCallback nodes, Retire's Dispose, force callbacks, event handlers: reported, never fatal, nothing
/// lost), and a counting hammer. DisposeRaceTests, MisuseTests and CallbackTests cover the rest.
/// </summary>
public sealed class HostileDomainTests
{
    private static readonly int Trials = StressTier.Pick(200, 2000);

    private static RcuOptions Fast => new() { PollInterval = TimeSpan.FromMilliseconds(1) };

    // ---- (a) bad input -------------------------------------------------------------------------------------------

    [Fact]
    public void NullArguments_EveryEntryPoint_NameTheirParameter()
    {
        using var domain = new RcuDomain();
        Hammer.Param<ArgumentNullException>("callback", () => domain.Defer((Action)null!));
        Hammer.Param<ArgumentNullException>("callback", () => domain.Defer((Action)null!, waitForCapacity: false));
        Hammer.Param<ArgumentNullException>("callback", () => domain.Defer((RcuCallback)null!));
        Hammer.Param<ArgumentNullException>("callback", () => domain.Defer((RcuCallback)null!, waitForCapacity: false));
        Hammer.Param<ArgumentNullException>("resource", () => domain.Retire(null!));
        Hammer.Param<ArgumentNullException>("resource", () => domain.Retire(null!, waitForCapacity: false));
        Hammer.Param<ArgumentNullException>("callback", () => domain.RegisterForceCallback(null!));
        Assert.Equal(0, domain.GetStatistics().CallbacksPending);
    }

    [Fact]
    public void BadOptions_NameTheOffendingOption()
    {
        Hammer.Param<ArgumentOutOfRangeException>("PollInterval", () => new RcuDomain(new RcuOptions { PollInterval = TimeSpan.Zero }));
        Hammer.Param<ArgumentOutOfRangeException>("PollInterval", () => new RcuDomain(new RcuOptions { PollInterval = TimeSpan.FromMinutes(2) }));
        Hammer.Param<ArgumentOutOfRangeException>("PollsBeforeForce", () => new RcuDomain(new RcuOptions { PollsBeforeForce = -1 }));
        Hammer.Param<ArgumentOutOfRangeException>("ForceAtPendingCallbacks", () => new RcuDomain(new RcuOptions { ForceAtPendingCallbacks = 0 }));
        Hammer.Param<ArgumentOutOfRangeException>("MaxPendingCallbacks", () => new RcuDomain(new RcuOptions { ForceAtPendingCallbacks = 10, MaxPendingCallbacks = 9 }));
        Hammer.Param<ArgumentOutOfRangeException>("ReadFlavor", () => new RcuDomain(new RcuOptions { ReadFlavor = (RcuReadFlavor)7 }));
        Hammer.Param<ArgumentOutOfRangeException>("StallWarningThreshold", () => new RcuDomain(new RcuOptions { StallWarningThreshold = TimeSpan.Zero }));
        Hammer.Param<ArgumentNullException>("Name", () => new RcuDomain(new RcuOptions { Name = null! }));
    }

    [Fact]
    public async Task SynchronizeAsync_WithACancelledToken_IsCancelled_AndTheDomainStaysUsable()
    {
        using var domain = new RcuDomain(Fast);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await domain.SynchronizeAsync(cts.Token));
        await domain.SynchronizeAsync().AsTask().WaitAsync(Hammer.HangTimeout);
        Hammer.Bounded(domain.Barrier);
    }

    // ---- (b) use after Dispose ----------------------------------------------------------------------------------

    /// <summary>
    /// After Dispose, from a thread that used the domain: every operation that hands work to the callback thread or
    /// waits throws ObjectDisposedException; the read side and the cheap queries keep working; registrations dispose
    /// quietly; nothing hangs.
    /// </summary>
    [Fact]
    public void AfterDispose_RegisteredThread_EveryEntryPoint_ThrowsDisposedOrWorks_NeverHangs()
    {
        var domain = new RcuDomain(Fast);
        IDisposable registration = domain.RegisterForceCallback(() => { });
        using (domain.ReadLock())
        {
        }
        RcuGracePeriodCookie cookie = domain.StartGracePeriodPoll();
        domain.Dispose();
        Assert.True(domain.IsDisposed);

        Assert.Throws<ObjectDisposedException>(() => domain.Defer(() => { }));
        Assert.Throws<ObjectDisposedException>(() => domain.Defer(() => { }, waitForCapacity: false));
        Assert.Throws<ObjectDisposedException>(() => domain.Defer(new CountingCallback()));
        Assert.Throws<ObjectDisposedException>(() => domain.Retire(new MemoryStream()));
        Assert.Throws<ObjectDisposedException>(() => domain.Barrier());
        Assert.Throws<ObjectDisposedException>(() => domain.Synchronize());
        Assert.Throws<ObjectDisposedException>(() => domain.StartGracePeriodPoll());
        Assert.ThrowsAny<ObjectDisposedException>(() => domain.SynchronizeAsync());

        // The documented no-ops and queries.
        domain.Dispose();
        domain.Expedite();
        domain.WaitForCallbackCapacity();
        Assert.True(domain.IsGracePeriodCompleted(cookie));
        _ = domain.GetStatistics();
        _ = domain.ForceRequested;
        registration.Dispose();
        registration.Dispose();
        domain.CallbackFailed += (_, _) => { };
        domain.ReaderStalled += (_, _) => { };

        // This thread registered before the disposal: its read side is not checked (documented), and stays balanced.
        using (domain.ReadLock())
        {
            Assert.True(domain.InReadSection);
            domain.Quiescent();
        }
        Assert.False(domain.InReadSection);
        Exception? late = Record.Exception(() => domain.RegisterForceCallback(() => { }).Dispose());
        Hammer.NoneOrDisposed(late, "RegisterForceCallback after Dispose, registered thread");
    }

    /// <summary>After Dispose, from a thread that never used the domain: entering the read side throws ObjectDisposedException; queries work.</summary>
    [Fact]
    public void AfterDispose_FreshThread_ReadSideThrowsDisposed_QueriesWork()
    {
        var domain = new RcuDomain(Fast);
        domain.Dispose();
        Assert.IsType<ObjectDisposedException>(Hammer.OnFreshThread(() =>
        {
            using (domain.ReadLock())
            {
            }
        }));
        Assert.IsType<ObjectDisposedException>(Hammer.OnFreshThread(() => domain.RegisterForceCallback(() => { })));
        Assert.Null(Hammer.OnFreshThread(() =>
        {
            Assert.False(domain.InReadSection);
            _ = domain.GetStatistics();
            domain.Expedite();
            domain.Dispose();
        }));
    }

    /// <summary>
    /// A thread that never used the domain enters a read section while another disposes it (pinned, one instant): the
    /// reader either gets ObjectDisposedException or a section it can leave; Dispose returns either way (it waits for
    /// the reader, who leaves at once).
    /// </summary>
    [Fact]
    public void FreshReader_RacingDispose_EntersAndLeavesOrThrows_DisposeReturns()
    {
        Race.Run(
            Trials,
            _ => new RcuDomain(Fast),
            d =>
            {
                using (d.ReadLock())
                {
                    Thread.SpinWait(50);
                }
            },
            d => d.Dispose(),
            (d, outcome) =>
            {
                Hammer.NoneOrDisposed(outcome.First, "ReadLock");
                Assert.Null(outcome.Second);
                Assert.True(d.IsDisposed);
            });
    }

    /// <summary>RegisterForceCallback (fresh thread) and disposing the registration, racing Dispose: no hang, only ObjectDisposedException.</summary>
    [Fact]
    public void ForceCallbackRegistration_RacingDispose_NeverHangs_DisposesQuietly()
    {
        Race.Run(
            Trials,
            _ => new RcuDomain(Fast),
            d =>
            {
                IDisposable registration = d.RegisterForceCallback(() => { });
                registration.Dispose();
                registration.Dispose();
            },
            d => d.Dispose(),
            (_, outcome) =>
            {
                Hammer.NoneOrDisposed(outcome.First, "RegisterForceCallback");
                Assert.Null(outcome.Second);
            });
    }

    // ---- (c) throwing user code ---------------------------------------------------------------------------------

    /// <summary>
    /// Every kind of user code the callback thread runs throws: each failure is reported once through CallbackFailed
    /// with the original exception, every other callback still runs exactly once, and the domain keeps working.
    /// </summary>
    [Fact]
    public void ThrowingCallbacksNodesAndDisposes_AreReported_OthersRun_DomainKeepsWorking()
    {
        using var domain = new RcuDomain(Fast);
        var failures = new ConcurrentQueue<RcuCallbackFailedEventArgs>();
        domain.CallbackFailed += (_, e) => failures.Enqueue(e);
        int ran = 0;
        var node = new CountingCallback { Throw = true };
        for (int i = 0; i < 10; i++)
        {
            domain.Defer(() => Interlocked.Increment(ref ran));
            domain.Defer(() => throw new FormatException("action"));
            domain.Retire(new ThrowingDisposable());
        }
        domain.Defer(node);
        Hammer.Bounded(domain.Barrier);
        Assert.Equal(10, ran);
        Assert.Equal(21, failures.Count);
        Assert.Equal(10, failures.Count(f => f.Exception is FormatException));
        Assert.Equal(10, failures.Count(f => f.Exception is ThrowingDisposable.Failure));
        Assert.Equal(1, failures.Count(f => f.Exception is CountingCallback.Failure));
        Assert.All(failures, f => Assert.False(f.IsForceCallback));
        Assert.Equal(1, node.Invocations);
        node.Throw = false;
        domain.Defer(node); // a node that threw is reusable
        Hammer.Bounded(domain.Barrier);
        Assert.Equal(2, node.Invocations);
        Assert.Equal(21, domain.GetStatistics().CallbackFailures);
    }

    /// <summary>
    /// Finding H5. CallbackFailed is a multicast event: when one subscriber throws, the subscribers after it are not
    /// told of the failure at all (the engine catches the handler's exception around the whole invocation list). A
    /// subscriber must not be able to hide failures from the others.
    /// </summary>
    [Fact]
    public void ThrowingCallbackFailedHandler_DoesNotHideTheFailureFromOtherHandlers()
    {
        using var domain = new RcuDomain(Fast);
        int seenBySecond = 0;
        domain.CallbackFailed += (_, _) => throw new InvalidOperationException("a broken handler");
        domain.CallbackFailed += (_, _) => Interlocked.Increment(ref seenBySecond);
        int ran = 0;
        domain.Defer(() => throw new FormatException("callback"));
        domain.Defer(() => Interlocked.Increment(ref ran));
        Hammer.Bounded(domain.Barrier);
        Assert.Equal(1, ran); // the callback thread survived the handler
        Hammer.Bounded(domain.Synchronize);
        Assert.Equal(1, Volatile.Read(ref seenBySecond));
    }

    /// <summary>
    /// Finding H5, for ReaderStalled: the same multicast pattern (one try/catch around the whole invocation list in
    /// CheckStall), so a throwing subscriber hides the stall warning from the subscribers after it.
    /// </summary>
    [Fact]
    public void ThrowingReaderStalledHandler_DoesNotHideTheWarningFromOtherHandlers()
    {
        using var domain = new RcuDomain(new RcuOptions { PollInterval = TimeSpan.FromMilliseconds(1), StallWarningThreshold = TimeSpan.FromMilliseconds(20) });
        int seenBySecond = 0;
        domain.ReaderStalled += (_, _) => throw new InvalidOperationException("a broken handler");
        domain.ReaderStalled += (_, _) => Interlocked.Increment(ref seenBySecond);
        using var inSection = new ManualResetEventSlim(false);
        using var release = new ManualResetEventSlim(false);
        var reader = new Thread(() =>
        {
            using (domain.ReadLock())
            {
                inSection.Set();
                release.Wait(Hammer.HangTimeout);
            }
        })
        { IsBackground = true };
        reader.Start();
        Assert.True(inSection.Wait(Hammer.HangTimeout));
        domain.Defer(() => { });
        bool warned = Eventually.Holds(() => domain.GetStatistics().StallWarnings > 0, Hammer.HangTimeout);
        bool heard = Eventually.Holds(() => Volatile.Read(ref seenBySecond) > 0, TimeSpan.FromSeconds(2));
        release.Set();
        Assert.True(reader.Join(Hammer.HangTimeout));
        Hammer.Bounded(domain.Barrier);
        Assert.True(warned, "no stall warning was raised");
        Assert.True(heard, "the second ReaderStalled subscriber never heard of the stall");
    }

    /// <summary>A force callback that throws is reported with IsForceCallback, and the grace period it was forcing still ends.</summary>
    [Fact]
    public void ThrowingForceCallback_IsReported_AndTheGracePeriodStillEnds()
    {
        using var domain = new RcuDomain(Fast);
        var failures = new ConcurrentQueue<RcuCallbackFailedEventArgs>();
        domain.CallbackFailed += (_, e) => failures.Enqueue(e);
        using var inSection = new ManualResetEventSlim(false);
        using var leave = new ManualResetEventSlim(false);
        var reader = new Thread(() =>
        {
            using IDisposable registration = domain.RegisterForceCallback(() =>
            {
                leave.Set();
                throw new FormatException("force");
            });
            using (domain.ReadLock())
            {
                inSection.Set();
                leave.Wait(Hammer.HangTimeout);
            }
        })
        { IsBackground = true };
        reader.Start();
        Assert.True(inSection.Wait(Hammer.HangTimeout));
        Hammer.Bounded(domain.Barrier); // forces: the callback throws, sets the flag, the reader leaves
        Assert.True(reader.Join(Hammer.HangTimeout));
        Assert.Contains(failures, f => f.IsForceCallback && f.Exception is FormatException);
    }

    /// <summary>A ReaderStalled handler that throws is reported, and the stalled grace period still ends when the reader leaves.</summary>
    [Fact]
    public void ThrowingReaderStalledHandler_IsReported_AndTheGracePeriodStillEnds()
    {
        using var domain = new RcuDomain(new RcuOptions { PollInterval = TimeSpan.FromMilliseconds(1), StallWarningThreshold = TimeSpan.FromMilliseconds(20) });
        var failures = new ConcurrentQueue<Exception>();
        domain.CallbackFailed += (_, e) => failures.Enqueue(e.Exception);
        domain.ReaderStalled += (_, _) => throw new FormatException("stall handler");
        using var inSection = new ManualResetEventSlim(false);
        using var release = new ManualResetEventSlim(false);
        var reader = new Thread(() =>
        {
            using (domain.ReadLock())
            {
                inSection.Set();
                release.Wait(Hammer.HangTimeout);
            }
        })
        { IsBackground = true };
        reader.Start();
        Assert.True(inSection.Wait(Hammer.HangTimeout));
        int ran = 0;
        domain.Defer(() => Interlocked.Increment(ref ran));
        Assert.True(Eventually.Holds(() => !failures.IsEmpty, Hammer.HangTimeout), "the stall handler's failure was not reported");
        release.Set();
        Assert.True(reader.Join(Hammer.HangTimeout));
        Hammer.Bounded(domain.Barrier);
        Assert.Equal(1, ran);
        Assert.All(failures, f => Assert.IsType<FormatException>(f));
    }

    /// <summary>A callback that disposes, synchronizes or barriers its own domain gets InvalidOperationException (reported), never a deadlock.</summary>
    [Fact]
    public void CallbackThatWaitsOnItsOwnDomain_IsRefused_NotDeadlocked()
    {
        using var domain = new RcuDomain(Fast);
        var errors = new ConcurrentQueue<Exception?>();
        domain.Defer(() => errors.Enqueue(Record.Exception(domain.Dispose)));
        domain.Defer(() => errors.Enqueue(Record.Exception(domain.Synchronize)));
        domain.Defer(() => errors.Enqueue(Record.Exception(domain.Barrier)));
        domain.Defer(() => errors.Enqueue(Record.Exception(() => domain.SynchronizeAsync().AsTask().Wait(Hammer.HangTimeout))));
        Hammer.Bounded(domain.Barrier);
        Assert.Equal(4, errors.Count);
        Assert.All(errors, e => Assert.IsType<InvalidOperationException>(e));
        Assert.False(domain.IsDisposed);
    }

    // ---- (d) hammer ---------------------------------------------------------------------------------------------

    /// <summary>
    /// Two producers defer (actions, reusable nodes, retirements) while a third thread barriers, synchronizes and expedites,
    /// and readers nest sections: at quiescence every callback ran exactly once and the statistics agree exactly.
    /// </summary>
    [Fact]
    public void Producers_WaitersAndReaders_EveryCallbackExactlyOnce_StatisticsExact()
    {
        using var domain = new RcuDomain(Fast);
        long deferred = 0, ran = 0;
        var nodes = Enumerable.Range(0, 64).Select(_ => new CountingCallback()).ToArray();
        int nextNode = 0;
        Hammer.Run(
            StressTier.Duration(0.4, 4),
            i =>
            {
                domain.Defer(() => Interlocked.Increment(ref ran));
                Interlocked.Increment(ref deferred);
            },
            i =>
            {
                if (i % 2 == 0)
                {
                    domain.Retire(new CountingDisposable(() => Interlocked.Increment(ref ran)));
                    Interlocked.Increment(ref deferred);
                }
                else
                {
                    // A node is reusable once it ran; one still queued is refused (InvalidOperationException), counted as not deferred.
                    CountingCallback node = nodes[Interlocked.Increment(ref nextNode) % nodes.Length];
                    try
                    {
                        domain.Defer(node);
                        Interlocked.Increment(ref deferred);
                    }
                    catch (InvalidOperationException)
                    {
                    }
                }
            },
            i =>
            {
                switch (i % 3)
                {
                    case 0: domain.Synchronize(); break;
                    case 1: domain.Expedite(); break;
                    default: domain.Barrier(); break;
                }
            },
            _ =>
            {
                using (domain.ReadLock())
                using (domain.ReadLock())
                {
                    Thread.SpinWait(100);
                }
            });
        Hammer.Bounded(domain.Barrier);
        long viaNodes = nodes.Sum(n => (long)n.Invocations);
        Assert.Equal(Interlocked.Read(ref deferred), Interlocked.Read(ref ran) + viaNodes);
        RcuStatistics stats = domain.GetStatistics();
        Assert.Equal(0, stats.CallbacksPending);
        Assert.Equal(0, stats.CallbackFailures);
        Assert.True(stats.CallbacksInvoked >= Interlocked.Read(ref deferred)); // barriers add their own markers
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private sealed class CountingCallback : RcuCallback
    {
        private int _invocations;

        public volatile bool Throw;

        public int Invocations => Volatile.Read(ref _invocations);

        protected override void Invoke()
        {
            Interlocked.Increment(ref _invocations);
            if (Throw) throw new Failure();
        }

        public sealed class Failure : Exception;
    }

    private sealed class CountingDisposable(Action onDispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) throw new InvalidOperationException("disposed twice");
            onDispose();
        }
    }

    private sealed class ThrowingDisposable : IDisposable
    {
        public void Dispose() => throw new Failure();

        public sealed class Failure : Exception;
    }
}
