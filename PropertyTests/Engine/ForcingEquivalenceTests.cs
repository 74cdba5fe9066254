using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RcuCollections.Linearizability;
using RcuCollections.Tests.Dictionary;
using RcuCollections.Tests.Dictionary.Linearizability;
using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.Engine;

/// <summary>
/// Forcing must not change results. QEMU reverted its FQS patch because forcing kicks had side effects; here the same
/// schedules run with every grace period forced and with forcing disabled except for <see cref="RcuDomain.Barrier"/>,
/// and callback order and count, linearizability verdicts and final states must be identical.
/// </summary>
public class ForcingEquivalenceTests
{
    /// <summary>Every grace period that has a reader in its way forces at once.</summary>
    internal static readonly RcuOptions EveryGracePeriodForced = new()
    {
        Name = "forced",
        PollInterval = TimeSpan.FromMilliseconds(1),
        PollsBeforeForce = 0,
        ForceAtPendingCallbacks = 1,
    };

    /// <summary>Only Barrier (and Dispose) force: polling never gives up, a callback backlog never forces.</summary>
    internal static readonly RcuOptions ForcedOnlyByBarrier = new()
    {
        Name = "unforced",
        PollInterval = TimeSpan.FromMilliseconds(1),
        PollsBeforeForce = int.MaxValue,
        ForceAtPendingCallbacks = int.MaxValue,
        MaxPendingCallbacks = int.MaxValue,
    };

    [Property(MaxTest = 40)]
    public Property Schedules_RunTheSameCallbacksInTheSameOrder_ForcedOrNot() =>
        Prop.ForAll(GracePeriodSchedule.Arbitrary(), schedule =>
        {
            (IReadOnlyList<string> forcedViolations, IReadOnlyList<(int, int)> forcedOrder) = Run(EveryGracePeriodForced, schedule);
            (IReadOnlyList<string> plainViolations, IReadOnlyList<(int, int)> plainOrder) = Run(ForcedOnlyByBarrier, schedule);
            string forcedPerThread = PerThread(forcedOrder), plainPerThread = PerThread(plainOrder);
            return Prop.Label(forcedViolations.Count == 0, "forced: " + string.Join("; ", forcedViolations))
                .And(Prop.Label(plainViolations.Count == 0, "unforced: " + string.Join("; ", plainViolations)))
                .And(Prop.Label(forcedOrder.Count == plainOrder.Count, $"callback count {forcedOrder.Count} forced vs {plainOrder.Count}"))
                .And(Prop.Label(forcedPerThread == plainPerThread, $"per-thread order forced [{forcedPerThread}] vs [{plainPerThread}]"))
                .And(Prop.Label(forcedPerThread == Expected(schedule), $"per-thread order [{forcedPerThread}], deferred [{Expected(schedule)}]"));
        });

    [Fact]
    public void TheTwoModes_DoDiffer_ForcedGracePeriodsForceAndUnforcedOnesOnlyPoll()
    {
        // Teeth for the property above: the modes must really behave differently, or comparing them proves nothing.
        using (var forced = new RcuDomain(EveryGracePeriodForced))
        using (var reader = new SpinningReader(forced, SpinningReader.ExitMode.ForceCallback))
        {
            forced.Synchronize(); // the reader leaves only when forced
            Assert.True(forced.GetStatistics().ForcedGracePeriods >= 1);
        }
        using (var unforced = new RcuDomain(ForcedOnlyByBarrier))
        using (var reader = new SpinningReader(unforced, SpinningReader.ExitMode.ForceCallback))
        {
            RcuGracePeriodCookie cookie = unforced.StartGracePeriodPoll();
            Assert.False(Eventually.Holds(() => unforced.IsGracePeriodCompleted(cookie), TimeSpan.FromMilliseconds(200)),
                "an unforced grace period ended although its reader leaves only when forced");
            Assert.Equal(0, unforced.GetStatistics().ForcedGracePeriods);
            unforced.Barrier(); // forces
            Assert.True(unforced.IsGracePeriodCompleted(cookie));
            Assert.True(unforced.GetStatistics().ForcedGracePeriods >= 1);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Dictionary_IsLinearizable_ForcedOrNot(bool forced)
    {
        var domain = new RcuDomain(forced ? EveryGracePeriodForced : ForcedOnlyByBarrier);
        try
        {
            LinearizabilityReport report = DictionaryProperties.Create(
                DictionaryWorkload.ReadsAndWrites,
                () => new RcuMap<int, WideValue>(new RcuDictionary<int, WideValue>(new RcuDictionaryOptions { Capacity = 1, SegmentCount = 1, Domain = domain })),
                WideCodec.Instance).Run(new LinearizabilityTestOptions { Scenarios = 60, RunsPerScenario = 40, TimeBudget = TimeSpan.FromSeconds(1) }.FromEnvironment());
            Assert.True(report.Passed, report.ToString());
            Assert.True(report.ScenariosTested >= 1);
            Assert.Equal(0, report.HistoriesUndecided);
        }
        finally
        {
            domain.Dispose();
        }
    }

    [Fact]
    public void Dictionary_EndsInTheSameState_WithTheSameValuesDisposed_ForcedOrNot()
    {
        string forced = RunDictionaryScript(EveryGracePeriodForced);
        string unforced = RunDictionaryScript(ForcedOnlyByBarrier);
        Assert.Equal(forced, unforced);
    }

    private static (IReadOnlyList<string> Violations, IReadOnlyList<(int, int)> Order) Run(RcuOptions options, GracePeriodSchedule schedule)
    {
        using var rcu = new DomainUnderTest(options);
        IReadOnlyList<string> violations = GracePeriodScheduleRunner.Execute(rcu, schedule, out IReadOnlyList<(int Thread, int Index)> order);
        return (violations, order.Select(o => (o.Thread, o.Index)).ToArray());
    }

    /// <summary>The run order restricted to each deferring thread (FIFO per producer is the engine's promise).</summary>
    private static string PerThread(IReadOnlyList<(int Thread, int Index)> order) =>
        string.Join(" | ", order.GroupBy(o => o.Thread).OrderBy(g => g.Key).Select(g => $"T{g.Key}: {string.Join(',', g.Select(o => o.Index))}"));

    private static string Expected(GracePeriodSchedule schedule) =>
        string.Join(" | ", schedule.Threads
            .Select((ops, t) => (t, n: ops.Count(o => o == ScheduleOp.Defer)))
            .Where(x => x.n > 0)
            .Select(x => $"T{x.t}: {string.Join(',', Enumerable.Range(0, x.n))}"));

    /// <summary>
    /// Two writers on disjoint keys (adds, replaces, removes of disposable values) while a reader spins in sections; the
    /// final contents and each value's dispose count, after Barrier, do not depend on the interleaving.
    /// </summary>
    private static string RunDictionaryScript(RcuOptions options)
    {
        using var domain = new RcuDomain(options);
        var dictionary = new RcuDictionary<int, Tracked>(new RcuDictionaryOptions { Domain = domain, DisposeRemovedValues = true, Capacity = 4, SegmentCount = 2 });
        var all = new List<Tracked>[2] { [], [] };
        using var stop = new CancellationTokenSource();
        var reader = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                using (domain.ReadLock())
                {
                    foreach (KeyValuePair<int, Tracked> pair in dictionary) pair.Value.AssertAlive();
                    Thread.SpinWait(200);
                }
            }
        });
        reader.Start();
        Thread[] writers = Enumerable.Range(0, 2).Select(w => new Thread(() =>
        {
            for (int round = 0; round < 300; round++)
            {
                int key = w * 1000 + round % 50;
                var v = new Tracked(key * 10_000 + round);
                all[w].Add(v);
                switch (round % 3)
                {
                    case 0: dictionary[key] = v; break;
                    case 1: if (!dictionary.TryAdd(key, v)) dictionary[key] = v; break;
                    default:
                        dictionary[key] = v;
                        if (round % 7 == 0) dictionary.TryRemove(key, out _);
                        break;
                }
            }
        })).ToArray();
        foreach (Thread t in writers) t.Start();
        foreach (Thread t in writers) t.Join();
        stop.Cancel();
        reader.Join();
        domain.Barrier();
        string contents = string.Join(",", dictionary.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value.Id}"));
        string disposals = string.Join(",", all.SelectMany(l => l).Select(v => v.Disposals));
        Assert.DoesNotContain(all.SelectMany(l => l), v => v.Disposals > 1);
        return contents + " / " + disposals;
    }

    private sealed class Tracked(int id) : IDisposable
    {
        private int _disposals;
        public int Id { get; } = id;
        public int Disposals => Volatile.Read(ref _disposals);
        public void Dispose() => Interlocked.Increment(ref _disposals);
        public void AssertAlive()
        {
            if (Disposals != 0) throw new InvalidOperationException($"value {Id} was disposed while a reader could still see it");
        }
    }
}
