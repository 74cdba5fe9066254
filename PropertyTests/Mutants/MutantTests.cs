using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using RcuCollections.Internal;
using RcuCollections.Tests.Dictionary;
using RcuCollections.Tests.Engine;
using RcuCollections.Tests.List;
using Xunit.Abstractions;

namespace RcuCollections.Tests.Mutants;

/// <summary>The seeded bugs (numbers as in docs/testing.md, "Mutants"); 1 to 5 are in the engine, 6 to 11 in the collections.</summary>
public enum Mutant
{
    GpCtrAdvancedAfterScan = 1,
    PruneReaderInSection = 2,
    CallbacksBeforeGracePeriod = 3,
    ExitSkipsWaitingCheck = 4,
    GpEventNotReset = 5,
    RecycleSealedWithoutGracePeriod = 6,
    OptimisticReadSkipsRecheck = 7,
    PublishWithoutReuseWindow = 8,
    EnumerationSkipsRemovalCheck = 9,
    ListPoolRecyclesBeforeGracePeriod = 10,
    FlatViewReleasedOnCommit = 11,
}

/// <summary>
/// Mutation testing: each seeded bug (behind the test-hooks switch, see Rcu/Internal/RcuMutants.cs and
/// Collections/Internal/CollectionMutants.cs) must make at least one of its killer checks fail. A killer is an existing
/// test method, called directly, or a check in <see cref="TargetedKillers"/> where no existing test kills the mutant
/// cleanly. Killers run one at a time on a background thread with a time bound: one that fails or hangs kills the
/// mutant (a hung thread is abandoned). With no mutant active, every killer must pass, or a kill would mean nothing.
/// Mutants are process-wide statics; the assembly runs its test classes one at a time (AssemblyInfo.cs).
/// </summary>
public sealed class MutantTests(ITestOutputHelper output)
{
    /// <summary>A check that a mutant should fail.</summary>
    public sealed record Killer(string Name, Action Run, TimeSpan Bound)
    {
        public override string ToString() => Name;
    }

    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(20);

    private static readonly Killer s_gracePeriodProperty = new(
        "GracePeriodPropertyTests.RealEngine_KeepsEveryGracePeriodGuarantee (60 schedules)",
        () => new GracePeriodPropertyTests().RealEngine_KeepsEveryGracePeriodGuarantee().Check(Config.QuickThrowOnFailure.WithMaxTest(60)),
        s_bound);

    private static readonly Killer s_torture = new(
        "RcuTortureTests.Stress_NoOrderingErrors_AndNoAgeBeyondOne(4, Asymmetric)",
        () => new RcuTortureTests().Stress_NoOrderingErrors_AndNoAgeBeyondOne(4, RcuReadFlavor.Asymmetric, throughThreadReader: false),
        s_bound);

    private static readonly Killer s_readerHoldsBack = new(
        "TargetedKillers.ReaderInSection_HoldsBackCallbacksAndGracePeriods",
        TargetedKillers.ReaderInSection_HoldsBackCallbacksAndGracePeriods,
        s_bound);

    private static readonly Killer s_optimisticSlotRecycled = new(
        "DictionaryOptimisticReadTests.AnOptimisticReaderWhoseSlotIsRecycled_FallsBack_InsteadOfReturningTheNewContents",
        () => new DictionaryOptimisticReadTests().AnOptimisticReaderWhoseSlotIsRecycled_FallsBack_InsteadOfReturningTheNewContents(),
        s_bound);

    private static readonly Killer s_optimisticTableSwap = new(
        "DictionaryOptimisticTableSwapTests.AnOptimisticReaderWhoseTableIsReplacedBetweenItsLoads_StillFindsItsKey",
        () => new DictionaryOptimisticTableSwapTests().AnOptimisticReaderWhoseTableIsReplacedBetweenItsLoads_StillFindsItsKey(),
        s_bound);

    private static readonly Killer s_optimisticTableCleared = new(
        "TargetedKillers.OptimisticReaderWhoseTableIsCompactedAndCleared_StillFindsItsKey",
        TargetedKillers.OptimisticReaderWhoseTableIsCompactedAndCleared_StillFindsItsKey,
        s_bound);

    /// <summary>The killers of each mutant, in the order they run; the first that fails kills it.</summary>
    public static IReadOnlyList<Killer> KillersOf(Mutant mutant) => mutant switch
    {
        Mutant.GpCtrAdvancedAfterScan =>
        [
            new("TargetedKillers.QuiescentReader_LetsGracePeriodsEndByPolling", TargetedKillers.QuiescentReader_LetsGracePeriodsEndByPolling, s_bound),
        ],
        Mutant.PruneReaderInSection => [s_gracePeriodProperty, s_torture, s_readerHoldsBack],
        Mutant.CallbacksBeforeGracePeriod => [s_gracePeriodProperty, s_readerHoldsBack],
        Mutant.ExitSkipsWaitingCheck =>
        [
            new("FqsAcceptanceTests.Expedite_CutsALongPollShort", () => new FqsAcceptanceTests().Expedite_CutsALongPollShort(), s_bound),
            new("TargetedKillers.ForcedReader_WakesTheGracePeriodWhenItLeaves", TargetedKillers.ForcedReader_WakesTheGracePeriodWhenItLeaves, s_bound),
        ],
        Mutant.GpEventNotReset =>
        [
            new("TargetedKillers.ForcedWait_SleepsBetweenScans", TargetedKillers.ForcedWait_SleepsBetweenScans, s_bound),
        ],
        Mutant.RecycleSealedWithoutGracePeriod =>
        [
            new("TargetedKillers.SectionReaderOnARemovedSlot_NeverSeesItRecycled", TargetedKillers.SectionReaderOnARemovedSlot_NeverSeesItRecycled, s_bound),
        ],
        Mutant.OptimisticReadSkipsRecheck => [s_optimisticSlotRecycled, s_optimisticTableCleared],
        Mutant.PublishWithoutReuseWindow => [s_optimisticTableSwap, s_optimisticTableCleared],
        Mutant.EnumerationSkipsRemovalCheck =>
        [
            new("DictionaryEnumerationTests.AKeyRemovedAndAddedBehindTheScan_IsYieldedOnce",
                () => new DictionaryEnumerationTests().AKeyRemovedAndAddedBehindTheScan_IsYieldedOnce(), s_bound),
        ],
        Mutant.ListPoolRecyclesBeforeGracePeriod =>
        [
            new("RcuListPoolingTests.ReaderInsideItsSection_HoldsOffRecycling_UntilItLeaves",
                () => new RcuListPoolingTests().ReaderInsideItsSection_HoldsOffRecycling_UntilItLeaves(), s_bound),
        ],
        Mutant.FlatViewReleasedOnCommit =>
        [
            new("TargetedKillers.Owner_IsNotReleased_WhileAReaderThatTranslatedIntoItIsInItsSection",
                TargetedKillers.Owner_IsNotReleased_WhileAReaderThatTranslatedIntoItIsInItsSection, s_bound),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(mutant)),
    };

    public static TheoryData<Mutant> AllMutants()
    {
        var data = new TheoryData<Mutant>();
        foreach (Mutant m in Enum.GetValues<Mutant>()) data.Add(m);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllMutants))]
    public void Mutant_IsKilled(Mutant mutant)
    {
        var total = Stopwatch.StartNew();
        (Killer Killer, Outcome Outcome)? kill = null;
        Activate(mutant);
        try
        {
            foreach (Killer killer in KillersOf(mutant))
            {
                Outcome outcome = RunBounded(killer);
                output.WriteLine($"  {killer.Name}: {outcome}");
                if (outcome.Kind != OutcomeKind.Passed)
                {
                    kill = (killer, outcome);
                    break;
                }
            }
        }
        finally
        {
            Activate(null);
        }
        string verdict = kill is { } k
            ? $"mutant {(int)mutant} {mutant}: KILLED by {k.Killer.Name} ({k.Outcome.Kind}) in {total.Elapsed.TotalSeconds:F2} s"
            : $"mutant {(int)mutant} {mutant}: SURVIVED every killer ({total.Elapsed.TotalSeconds:F2} s)";
        output.WriteLine(verdict);
        Assert.True(kill is not null, verdict);
    }

    [Fact]
    public void Killers_AllPass_WithNoMutantActive()
    {
        var failures = new List<string>();
        foreach (Killer killer in Enum.GetValues<Mutant>().SelectMany(KillersOf).Distinct())
        {
            Outcome outcome = RunBounded(killer);
            output.WriteLine($"{killer.Name}: {outcome}");
            if (outcome.Kind != OutcomeKind.Passed) failures.Add($"{killer.Name}: {outcome}");
        }
        Assert.True(failures.Count == 0, "killers that fail without a mutant (a kill by them proves nothing):" + Environment.NewLine + string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void NoMutantIsActive_OutsideTheseTests()
    {
        Assert.True(RcuMutants.Armed && CollectionMutants.Armed, "the test project arms the mutants (RcuCollections.EnableTestHooks)");
        Assert.Equal(0, RcuMutants.Active);
        Assert.Equal(0, CollectionMutants.Active);
    }

    private static void Activate(Mutant? mutant)
    {
        int n = mutant is { } m ? (int)m : 0;
        RcuMutants.Activate(n is >= 1 and <= 5 ? (RcuMutant)n : RcuMutant.None);
        CollectionMutants.Activate(n >= 6 ? (CollectionMutant)n : CollectionMutant.None);
    }

    public enum OutcomeKind
    {
        Passed,
        Failed,
        Hung,
    }

    public readonly record struct Outcome(OutcomeKind Kind, TimeSpan Elapsed, string Detail)
    {
        public override string ToString() => $"{Kind} after {Elapsed.TotalSeconds:F2} s{(Detail.Length > 0 ? ": " + Detail : "")}";
    }

    /// <summary>Runs a killer on its own background thread; past its bound it counts as hung and the thread is abandoned.</summary>
    private static Outcome RunBounded(Killer killer)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                killer.Run();
            }
            catch (Exception e)
            {
                Volatile.Write(ref failure, e);
            }
        })
        { IsBackground = true, Name = $"killer: {killer.Name}" };
        var clock = Stopwatch.StartNew();
        thread.Start();
        bool finished = thread.Join(killer.Bound);
        TimeSpan elapsed = clock.Elapsed;
        if (!finished) return new Outcome(OutcomeKind.Hung, elapsed, $"still running after {killer.Bound.TotalSeconds:F0} s (abandoned)");
        Exception? e = Volatile.Read(ref failure);
        return e is null ? new Outcome(OutcomeKind.Passed, elapsed, "") : new Outcome(OutcomeKind.Failed, elapsed, FirstLine(e));
    }

    private static string FirstLine(Exception e)
    {
        string message = $"{e.GetType().Name}: {e.Message}";
        int newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}
