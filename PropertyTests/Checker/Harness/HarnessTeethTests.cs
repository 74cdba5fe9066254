using RcuCollections.Linearizability;
using RcuCollections.Tests.Checker.Broken;
using Xunit.Abstractions;

namespace RcuCollections.Tests.Checker.Harness;

/// <summary>
/// A checker that passes everything proves nothing: the harness must find each deliberately broken object's bug within
/// the CI budget, and must pass the correct objects.
/// </summary>
public sealed class HarnessTeethTests(ITestOutputHelper output)
{
    /// <summary>What "found within the CI budget" means: the first failing run within this many seconds.</summary>
    private static readonly TimeSpan FindBudget = TimeSpan.FromSeconds(5);

    /// <summary>Not scaled by RCU_STRESS: the point is that the CI budget is enough to find each bug.</summary>
    private static LinearizabilityTestOptions BugHunt => new()
    {
        Scenarios = 100,
        TimeBudget = FindBudget,
        ShrinkTimeBudget = TimeSpan.FromSeconds(2),
    };

    private static LinearizabilityTestOptions CorrectObject => new LinearizabilityTestOptions
    {
        Scenarios = 20,
        RunsPerScenario = 50,
        TimeBudget = TimeSpan.FromSeconds(1.5),
    }.FromEnvironment();

    [Fact]
    public void Finds_the_check_then_act_race_in_TryAdd()
        => AssertFound(Properties.Dictionary(() => new CheckThenActDictionary()).Run(BugHunt));

    [Fact]
    public void Finds_the_stale_read_of_the_cached_register()
        => AssertFound(Properties.Register(() => new StaleCacheRegister(), r => r.Read(), (r, v) => r.Write(v)).Run(BugHunt));

    [Fact]
    public void Finds_the_element_the_queue_loses_under_contention()
        => AssertFound(Properties.LossyQueue().Run(BugHunt));

    [Fact]
    public void Passes_a_locked_dictionary()
        => AssertPassed(Properties.Dictionary(() => new LockedDictionary()).Run(CorrectObject));

    [Fact]
    public void Passes_an_atomic_register()
        => AssertPassed(Properties.Register(() => new AtomicRegister(), r => r.Read(), (r, v) => r.Write(v)).Run(CorrectObject));

    [Fact]
    public void Passes_ConcurrentQueue()
        => AssertPassed(Properties.ConcurrentQueue().Run(CorrectObject));

    private void AssertFound(LinearizabilityReport report)
    {
        output.WriteLine(report.ToString());
        Assert.Equal(LinearizabilityFailureKind.NotLinearizable, report.FailureKind);
        Assert.NotNull(report.TimeToFirstFailure);
        Assert.True(report.TimeToFirstFailure <= FindBudget, $"found only after {report.TimeToFirstFailure}");
        Assert.Equal(CheckOutcome.Illegal, report.CheckResult?.Outcome);
        Assert.Contains("Thread 1", report.FailureTable, StringComparison.Ordinal);
        Assert.Contains(LinearizabilityTestOptions.ReplayVariable, report.ToString(), StringComparison.Ordinal);
    }

    private void AssertPassed(LinearizabilityReport report)
    {
        output.WriteLine(report.ToString());
        Assert.True(report.Passed, report.ToString());
        Assert.True(report.ScenariosTested >= 1, "no scenario ran");
        Assert.True(report.HistoriesChecked >= report.ScenariosTested);
        Assert.Equal(0, report.HistoriesUndecided);
    }
}
