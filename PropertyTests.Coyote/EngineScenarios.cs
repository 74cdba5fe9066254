using Microsoft.Coyote.Runtime;
using Microsoft.Coyote.Specifications;
using RcuCollections.CoyoteTests.Support;
using Xunit.Abstractions;

namespace RcuCollections.CoyoteTests;

/// <summary>
/// The engine under Coyote: grace periods racing registration, nested sections and thread death; Barrier, Expedite and
/// Dispose racing the callback thread. Each scenario runs the real <see cref="RcuDomain"/> and, as its twin, the same
/// shape with one planted bug that the exploration must find.
/// </summary>
public sealed class EngineScenarios(ITestOutputHelper output)
{
    // ---- Grace periods racing registration and nested sections ----------------------------------------------------------

    /// <summary>
    /// A reader registers with the domain on its first ReadLock (under the registry lock, racing the grace period's
    /// snapshot of the registry), loads the published pointer inside nested sections and uses it after the inner one
    /// ends; a writer unpublishes, synchronizes and frees; a second writer's grace period runs concurrently (shared grace
    /// periods). No use may see the freed object.
    /// </summary>
    private static async Task GracePeriodScenario(bool loadBeforeSection)
    {
        RcuDomain domain = Domains.Create();
        var pointer = new Published<Poisonable>(new Poisonable(0));

        Task reader = Task.Run(() =>
        {
            // Planted: the pointer is loaded before the section starts (and before this thread is even registered).
            Poisonable? early = loadBeforeSection ? pointer.Load() : null;
            using RcuReadGuard outer = domain.ReadLock();
            using (RcuReadGuard inner = domain.ReadLock())
            {
                // Nested entry and exit touch nothing the grace period reads: only the outermost section counts.
            }
            Poisonable seen = early ?? pointer.Load();
            using (RcuReadGuard inner = domain.ReadLock())
            {
                seen.Use("reader, inside the nested section");
            }
            SchedulingPoint.Interleave();
            seen.Use("reader, after the nested section ended, still inside the outer one");
        });
        Task writer = Task.Run(() =>
        {
            Poisonable old = pointer.Swap(new Poisonable(1));
            domain.Synchronize();
            old.Dispose();
        });
        Task other = Task.Run(() =>
        {
            Poisonable old = pointer.Swap(new Poisonable(2));
            domain.Synchronize();
            old.Dispose();
        });
        await Task.WhenAll(new[] { reader, writer, other });
        domain.Dispose();
    }

    [Fact]
    public void Grace_periods_racing_registration_and_nested_sections_never_free_under_a_reader() =>
        Exploration.Run("engine: grace period vs registration + nested sections", () => GracePeriodScenario(loadBeforeSection: false),
            iterations: 300).AssertNoBug(output);

    [Fact]
    public void Planted_load_before_the_section_is_found() =>
        Exploration.Run("planted: pointer loaded before ReadLock", () => GracePeriodScenario(loadBeforeSection: true),
            iterations: 300).AssertFindsBug(output, "use after free");

    // ---- Thread death ----------------------------------------------------------------------------------------------------

    /// <summary>
    /// A reader thread ends inside its section (its guard is never disposed). The real grace period treats a dead owner as
    /// quiescent and returns. The moment the thread is seen dead (<see cref="Thread.IsAlive"/>) is the OS's, not Coyote's:
    /// the grace period keeps polling (each poll a scheduling point) until it is.
    /// </summary>
    [Fact]
    public void A_reader_that_dies_inside_its_section_does_not_hold_up_grace_periods()
    {
        int completed = 0;
        ExplorationResult result = Exploration.Run("engine: reader dies inside its section", async () =>
        {
            RcuDomain domain = Domains.Create();
            Task dying = Task.Run(() => EnterAndAbandon(domain));
            await dying;
            Task writer = Task.Run(domain.Synchronize);
            Task reader = Task.Run(() =>
            {
                using RcuReadGuard guard = domain.ReadLock();
            });
            await Task.WhenAll(new[] { writer, reader });
            domain.Dispose();
            Interlocked.Increment(ref completed);
        }, iterations: 50,
        // The grace period polls (a scheduling point each) until the OS reports the thread dead, and Dispose runs a last
        // grace period too: on a loaded machine one iteration in 50 once needed more than the default 20,000 steps.
        maxSteps: 200_000);
        result.AssertNoBug(output);
        // Liveness within the step bound: an iteration cut off by the bound would not have counted.
        Assert.Equal((int)result.Iterations, Volatile.Read(ref completed));
    }

    /// <summary>
    /// Twin: a hand-made "grace period" that waits for every reader to signal its exit, which a dead reader never does.
    /// Coyote reports the wait as a deadlock.
    /// </summary>
    [Fact]
    public void Planted_grace_period_that_waits_for_a_dead_reader_is_found()
    {
        Exploration.Run("planted: grace period waits for a dead reader's exit", async () =>
        {
            object gate = new();
            int inside = 0;
            Task dying = Task.Run(() =>
            {
                lock (gate) inside++;
                // ... and the thread ends without the matching "inside--; PulseAll".
            });
            await dying;
            Task writer = Task.Run(() =>
            {
                lock (gate)
                {
                    while (inside != 0) System.Threading.Monitor.Wait(gate);
                }
            });
            await writer;
        }, iterations: 20).AssertFindsBug(output, "Deadlock");
    }

    private static void EnterAndAbandon(RcuDomain domain)
    {
        RcuReadGuard guard = domain.ReadLock();
        _ = guard; // never disposed: the thread ends inside its section
    }

    // ---- Barrier, Expedite and Dispose racing the callback thread --------------------------------------------------------

    /// <summary>
    /// A reader holds the published object across a scheduling point; a writer unpublishes it, retires it and defers a
    /// counter, then waits with Barrier (twin: with Expedite, which only hurries the grace period and does not wait) and
    /// checks that both ran; a third task expedites concurrently. Then the domain is disposed while a last Defer races it:
    /// a Defer that did not throw runs exactly once before Dispose returns, and nothing runs twice.
    /// </summary>
    private static async Task CallbackScenario(bool expediteInsteadOfBarrier)
    {
        RcuDomain domain = Domains.Create();
        var pointer = new Published<Poisonable>(new Poisonable(0));
        int ran = 0, lateAccepted = 0, lateRan = 0;

        Task reader = Task.Run(() =>
        {
            using RcuReadGuard guard = domain.ReadLock();
            Poisonable seen = pointer.Load();
            SchedulingPoint.Interleave();
            seen.Use("reader, while the writer retires it");
        });
        Task writer = Task.Run(() =>
        {
            Poisonable old = pointer.Swap(new Poisonable(1));
            domain.Retire(old);
            domain.Defer(() => Interlocked.Increment(ref ran));
            if (expediteInsteadOfBarrier) domain.Expedite();
            else domain.Barrier();
            Specification.Assert(Volatile.Read(ref ran) == 1 && old.FreeCount == 1,
                $"callbacks deferred before the wait had not run when it returned (ran {ran}, freed {old.FreeCount})");
        });
        Task expediter = Task.Run(domain.Expedite);
        await Task.WhenAll(new[] { reader, writer, expediter });

        Task late = Task.Run(() =>
        {
            try
            {
                domain.Defer(() => Interlocked.Increment(ref lateRan));
                Interlocked.Increment(ref lateAccepted);
            }
            catch (ObjectDisposedException)
            {
                // Lost the race with Dispose: refused, so it must never run.
            }
        });
        Task disposer = Task.Run(domain.Dispose);
        await Task.WhenAll(new[] { late, disposer });
        Specification.Assert(Volatile.Read(ref lateRan) == Volatile.Read(ref lateAccepted),
            $"after Dispose: {lateAccepted} late Defer accepted, {lateRan} ran");
        Specification.Assert(Volatile.Read(ref ran) == 1, $"a callback ran {ran} times");
    }

    [Fact]
    public void Barrier_Expedite_and_Dispose_racing_the_callback_thread_lose_and_repeat_nothing() =>
        Exploration.Run("engine: Barrier/Expedite/Dispose vs callback thread", () => CallbackScenario(expediteInsteadOfBarrier: false),
            iterations: 20).AssertNoBug(output);

    [Fact]
    public void Planted_Expedite_taken_for_a_Barrier_is_found() =>
        Exploration.Run("planted: Expedite used as if it waited like Barrier", () => CallbackScenario(expediteInsteadOfBarrier: true),
            iterations: 20).AssertFindsBug(output, "had not run");
}
