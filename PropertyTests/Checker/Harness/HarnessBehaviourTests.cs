using System.Collections.Concurrent;
using RcuCollections.Linearizability;
using RcuCollections.Tests.Checker.Broken;
using RcuCollections.Tests.Checker.Models;
using Xunit.Abstractions;

namespace RcuCollections.Tests.Checker.Harness;

/// <summary>How the property helper generates, shrinks, replays and reports, and how it handles throwing and hanging objects.</summary>
public sealed class HarnessBehaviourTests(ITestOutputHelper output)
{
    private static readonly LinearizabilityTestOptions Quick = new()
    {
        Scenarios = 5,
        RunsPerScenario = 3,
        TimeBudget = TimeSpan.FromSeconds(30),
        ShrinkTimeBudget = TimeSpan.FromSeconds(2),
    };

    [Fact]
    public void The_same_replay_seed_generates_the_same_scenarios()
    {
        LinearizabilityTestOptions options = Quick with { Replay = (12345UL, 67891UL) };
        Assert.Equal(RecordScenarios(options), RecordScenarios(options));
        Assert.NotEqual(RecordScenarios(options), RecordScenarios(options with { Replay = (54321UL, 67891UL) }));
    }

    [Fact]
    public void Generated_scenarios_respect_the_size_knobs_and_make_values_unique()
    {
        LinearizabilityTestOptions options = Quick with { Scenarios = 30, RunsPerScenario = 1, MinThreads = 2, MaxThreads = 3, MinOperationsPerThread = 2, MaxOperationsPerThread = 4, MaxPrefixOperations = 1, MaxSuffixOperations = 2 };
        var runs = new ConcurrentBag<(int Thread, int Value)>();
        var perRun = new ConcurrentDictionary<object, ConcurrentBag<int>>();
        LinearizabilityReport report = LinearizabilityProperty.Create(
            () => new object(),
            FsCheck.Fluent.Gen.Constant(0),
            (target, value) =>
            {
                perRun.GetOrAdd(target, _ => []).Add(value);
                return value;
            },
            new AnythingGoesModel(),
            makeUnique: (_, position) => position).Run(options);

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(30, report.ScenariosTested);
        foreach (ConcurrentBag<int> values in perRun.Values)
        {
            Assert.Equal(values.Count, values.Distinct().Count());
            Assert.InRange(values.Count, 2 * 2, 1 + (3 * 4) + 2);
            Assert.Equal(Enumerable.Range(1, values.Count), values.Order());
        }
    }

    [Fact]
    public void Shrinking_removes_parts_threads_and_single_operations()
    {
        var scenario = new ConcurrentScenario<int>([1], [[2, 3], [4], [5]], [6, 7]);
        ConcurrentScenario<int>[] candidates = ScenarioShapes.Shrink(scenario).ToArray();
        Assert.Equal("init [1] | T1 [2; 3] | T2 [4] | T3 [5] | post []", candidates[0].ToString());
        Assert.Equal("init [] | T1 [2; 3] | T2 [4] | T3 [5] | post [6; 7]", candidates[1].ToString());
        Assert.Contains(candidates, c => c.ToString() == "init [1] | T1 [2; 3] | T2 [5] | post [6; 7]");
        Assert.Contains(candidates, c => c.ToString() == "init [1] | T1 [3] | T2 [4] | T3 [5] | post [6; 7]");
        Assert.Contains(candidates, c => c.ToString() == "init [1] | T1 [2; 3] | T2 [4] | T3 [5] | post [6]");
        Assert.All(candidates, c => Assert.True(c.OperationCount < scenario.OperationCount));
        Assert.Empty(ScenarioShapes.Shrink(new ConcurrentScenario<int>([], [[1]], [])));
    }

    [Fact]
    public void An_object_that_throws_fails_the_property_with_its_exception()
    {
        LinearizabilityReport report = LinearizabilityProperty.Create(
            () => new object(),
            FsCheck.Fluent.Gen.Choose(0, 9),
            (target, value) => value == 7 ? throw new InvalidOperationException("seven") : value,
            new AnythingGoesModel()).Run(Quick with { Scenarios = 50 });

        output.WriteLine(report.ToString());
        Assert.Equal(LinearizabilityFailureKind.ObjectThrew, report.FailureKind);
        Assert.Equal("seven", Assert.IsType<InvalidOperationException>(report.Exception).Message);
        Assert.Contains("(not run)", report.FailureTable, StringComparison.Ordinal);
        Assert.Throws<LinearizabilityException>(report.ThrowIfFailed);
    }

    [Fact]
    public void A_run_that_hangs_is_reported_as_a_hang_instead_of_blocking_the_suite()
    {
        using var release = new ManualResetEventSlim();
        try
        {
            LinearizabilityReport report = LinearizabilityProperty.Create(
                () => new object(),
                FsCheck.Fluent.Gen.Choose(0, 9),
                (target, value) =>
                {
                    if (Thread.CurrentThread.Name?.StartsWith("Linearizability worker", StringComparison.Ordinal) == true)
                    {
                        release.Wait(); // blocks the parallel part until the test ends
                    }

                    return value;
                },
                new AnythingGoesModel()).Run(Quick with { RunTimeout = TimeSpan.FromMilliseconds(200) });

            output.WriteLine(report.ToString());
            Assert.Equal(LinearizabilityFailureKind.Hang, report.FailureKind);
            Assert.IsType<TimeoutException>(report.Exception);
            Assert.Contains("deadlock or livelock", report.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            release.Set(); // let the abandoned workers finish and exit
        }
    }

    [Fact]
    public void Check_throws_a_LinearizabilityException_carrying_the_report()
    {
        var exception = Assert.Throws<LinearizabilityException>(
            () => Properties.Dictionary(() => new CheckThenActDictionary()).Check(Quick with { Scenarios = 100, RunsPerScenario = 100, TimeBudget = TimeSpan.FromSeconds(5), ShrinkTimeBudget = TimeSpan.FromMilliseconds(300) }));
        Assert.False(exception.Report.Passed);
        Assert.Equal(exception.Report.ToString(), exception.Message);
    }

    [Fact]
    public void Options_are_validated_and_replay_seeds_parsed()
    {
        Assert.Equal((12UL, 35UL), LinearizabilityTestOptions.ParseReplay("12,35"));
        Assert.Equal((12UL, 35UL), LinearizabilityTestOptions.ParseReplay("(12, 35)"));
        Assert.Throws<FormatException>(() => LinearizabilityTestOptions.ParseReplay("12,34"));
        Assert.Throws<FormatException>(() => LinearizabilityTestOptions.ParseReplay("twelve"));

        var property = Properties.Dictionary(() => new LockedDictionary());
        Assert.Throws<ArgumentOutOfRangeException>(() => property.Run(Quick with { Scenarios = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => property.Run(Quick with { MinThreads = 3, MaxThreads = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => property.Run(Quick with { Replay = (1UL, 2UL) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => property.Run(Quick with { TimeBudget = TimeSpan.Zero }));
        Assert.Throws<ArgumentNullException>(() => LinearizabilityProperty.Create<object, int, int, int>(null!, FsCheck.Fluent.Gen.Constant(0), (_, x) => x, new AnythingGoesModel()));
    }

    private static string[] RecordScenarios(LinearizabilityTestOptions options)
    {
        // With one run per scenario, each fresh object sees exactly one scenario's operations.
        var seen = new ConcurrentDictionary<object, ConcurrentQueue<int>>();
        LinearizabilityProperty.Create(
            () => new object(),
            FsCheck.Fluent.Gen.Choose(0, 1000),
            (target, value) =>
            {
                seen.GetOrAdd(target, _ => new ConcurrentQueue<int>()).Enqueue(value);
                return value;
            },
            new AnythingGoesModel()).Check(options with { RunsPerScenario = 1 });
        return seen.Values.Select(values => string.Join(",", values.Order())).Order().ToArray();
    }

    /// <summary>Accepts every history: for tests of the harness itself, not of an object.</summary>
    private sealed class AnythingGoesModel : IModel<int, int, int>
    {
        public int Init() => 0;

        public bool Step(int state, int input, int output, out int next)
        {
            next = state;
            return true;
        }
    }
}
