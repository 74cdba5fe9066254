using System.Collections.Concurrent;
using RcuCollections.Linearizability;
using Xunit.Abstractions;

namespace RcuCollections.Tests.Dictionary.Linearizability;

/// <summary>
/// Linearizability of RcuDictionary's whole single-key API (issue 5), checked per key by <see cref="DictionaryModel"/>:
/// lookups and plain writes, every GetOrAdd/AddOrUpdate overload with factories (see the model for how often a factory may
/// run and how its stored result is checked), on a default dictionary and on a one-segment dictionary with a tiny initial
/// table whose rebuilds (grow, compact, shrink) happen during the scenarios. Count and IsEmpty are exact only at
/// quiescence, so they are checked in the sequential parts only (<see cref="DictionaryCommand.QuiescentSnapshot"/>).
/// The teeth test shows the same property catching a check-then-act TryUpdate.
/// </summary>
public sealed class DictionaryLinearizabilityTests(ITestOutputHelper output)
{
    /// <summary>The initial per-segment table of a tiny dictionary (RcuDictionaryLimits.MinSegmentCapacity).</summary>
    private const int TinyCapacity = 4;

    /// <summary>What "found within the CI budget" means for the teeth test (not scaled by RCU_STRESS).</summary>
    private static readonly TimeSpan FindBudget = TimeSpan.FromSeconds(5);

    /// <summary>About 1.25 s per property on the 2-core CI machine; RCU_STRESS=1 scales it up.</summary>
    private static LinearizabilityTestOptions Ci => new LinearizabilityTestOptions
    {
        Scenarios = 100,
        RunsPerScenario = 60,
        TimeBudget = TimeSpan.FromSeconds(1.25),
    }.FromEnvironment();

    public static TheoryData<string> Workloads => [nameof(DictionaryWorkload.ReadsAndWrites), nameof(DictionaryWorkload.Factories)];

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Every_single_key_operation_is_linearizable(string workload)
        => AssertPassed(DictionaryProperties.Create(Workload(workload), () => new RcuMap<int, int>(new RcuDictionary<int, int>()), IntCodec.Instance).Run(Ci));

    /// <summary>
    /// One segment (every key collides in one table) starting at the smallest table: removes and re-adds, and replaces of
    /// values too wide to write atomically (each takes a fresh slot), exhaust it, so writes rebuild it while readers run.
    /// Each run's final table size is sampled to show that rebuilds did happen.
    /// </summary>
    [Theory]
    [MemberData(nameof(Workloads))]
    public void Every_single_key_operation_is_linearizable_while_tiny_tables_resize(string workload)
    {
        int runs = 0, resizedRuns = 0;
        LinearizabilityReport report = DictionaryProperties.Create(
            Workload(workload),
            () => new RcuMap<int, WideValue>(new RcuDictionary<int, WideValue>(new RcuDictionaryOptions { Capacity = 1, SegmentCount = 1 })),
            WideCodec.Instance,
            afterRun: map =>
            {
                Interlocked.Increment(ref runs);
                if (((RcuMap<int, WideValue>)map).Inner.GetDiagnostics().TotalCapacity != TinyCapacity)
                {
                    Interlocked.Increment(ref resizedRuns);
                }
            }).Run(Ci);

        AssertPassed(report);
        output.WriteLine($"{resizedRuns} of {runs} runs ended on a table other than the initial {TinyCapacity}-slot one.");
        Assert.True(resizedRuns > 0, "no run resized its table: the tiny-table property tests nothing beyond the default one");
    }

    [Fact]
    public void The_model_accepts_ConcurrentDictionary()
    {
        LinearizabilityTestOptions quick = Ci with { TimeBudget = Ci.TimeBudget / 2 };
        AssertPassed(DictionaryProperties.Create(DictionaryWorkload.ReadsAndWrites, () => new ConcurrentMap<int, int>(new ConcurrentDictionary<int, int>()), IntCodec.Instance).Run(quick));
        AssertPassed(DictionaryProperties.Create(DictionaryWorkload.Factories, () => new ConcurrentMap<int, int>(new ConcurrentDictionary<int, int>()), IntCodec.Instance).Run(quick));
    }

    [Fact]
    public void Finds_the_check_then_act_race_in_a_broken_TryUpdate()
    {
        LinearizabilityReport report = DictionaryProperties.Create(
            DictionaryWorkload.ReadsAndWrites,
            () => new CheckThenActUpdateMap<int, int>(new ConcurrentDictionary<int, int>()),
            IntCodec.Instance).Run(new LinearizabilityTestOptions { Scenarios = 100, TimeBudget = FindBudget, ShrinkTimeBudget = TimeSpan.FromSeconds(1) });

        output.WriteLine(report.ToString());
        Assert.Equal(LinearizabilityFailureKind.NotLinearizable, report.FailureKind);
        Assert.True(report.TimeToFirstFailure <= FindBudget, $"found only after {report.TimeToFirstFailure}");
        Assert.Equal(CheckOutcome.Illegal, report.CheckResult?.Outcome);
        Assert.Contains("TryUpdate", report.FailureTable, StringComparison.Ordinal);
    }

    private static DictionaryWorkload Workload(string name) => name switch
    {
        nameof(DictionaryWorkload.ReadsAndWrites) => DictionaryWorkload.ReadsAndWrites,
        nameof(DictionaryWorkload.Factories) => DictionaryWorkload.Factories,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown workload."),
    };

    private void AssertPassed(LinearizabilityReport report)
    {
        output.WriteLine(report.ToString());
        Assert.True(report.Passed, report.ToString());
        Assert.True(report.ScenariosTested >= 1, "no scenario ran");
        Assert.Equal(0, report.HistoriesUndecided);
    }
}
