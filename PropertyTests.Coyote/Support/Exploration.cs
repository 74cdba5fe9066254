using System.Diagnostics;
using Microsoft.Coyote;
using Microsoft.Coyote.SystematicTesting;
using Xunit.Abstractions;

namespace RcuCollections.CoyoteTests.Support;

/// <summary>What one in-process Coyote exploration did.</summary>
/// <param name="Name">The scenario.</param>
/// <param name="Iterations">The iteration budget.</param>
/// <param name="Explored">Iterations run (Coyote stops at the first bug, so with a bug this is the iteration that found it).</param>
/// <param name="Bugs">Bugs found (0 or 1: the engine stops at the first).</param>
/// <param name="Elapsed">Wall time of <see cref="TestingEngine.Run"/>.</param>
/// <param name="Uncontrolled">Invocations Coyote saw but could not control (must be empty for a trustworthy run).</param>
/// <param name="BugText">The first bug report, if any.</param>
/// <param name="Report">Coyote's statistics text.</param>
public sealed record ExplorationResult(
    string Name, uint Iterations, int Explored, int Bugs, TimeSpan Elapsed, IReadOnlyCollection<string> Uncontrolled,
    string? BugText, string Report)
{
    /// <summary>One line for the test output and docs/testing.md.</summary>
    public string Summary =>
        $"{Name}: {(Bugs > 0 ? $"bug found at iteration {Explored} of {Iterations}" : $"no bug in {Explored} iterations")}, " +
        $"{Elapsed.TotalSeconds:0.00} s, uncontrolled: {(Uncontrolled.Count == 0 ? "none" : string.Join(", ", Uncontrolled))}";
}

/// <summary>
/// Runs a scenario under Coyote's systematic-testing engine in-process: fixed seed, bounded iterations and steps, telemetry
/// off. Every controlled operation of the scenario must be a <see cref="Task"/> (or a thread the engine starts) created
/// inside the test delegate; await several with <c>Task.WhenAll(new[] { a, b })</c>, never <c>Task.WhenAll(a, b)</c>
/// (C# binds that to the span overload, which Coyote 1.7.11 does not control).
/// </summary>
public static class Exploration
{
    /// <summary>
    /// The per-iteration bound on scheduling decisions. A scenario needs a few hundred; the bound is far above that because an
    /// iteration cut off by it leaves the engine's callback thread running (its catch-all around callbacks swallows Coyote's
    /// cancellation), and such a thread then trips the next iteration ("lock created in a previous test iteration").
    /// </summary>
    public const uint DefaultMaxSteps = 20_000;

    /// <summary>
    /// Coyote's periodic deadlock monitor, in ms (default 1000). <see cref="RcuDomain.Dispose"/> joins the callback thread,
    /// and Coyote 1.7.11 treats that join as a wait on an uncontrolled thread: it is resolved only when the monitor next
    /// looks, which cost about 0.5 s per iteration at the default. Scenarios dispose their domain every iteration (a callback
    /// thread left behind would run on into the next iteration), so the monitor looks more often.
    /// </summary>
    public const uint DeadlockTimeoutMs = 150;

    public static ExplorationResult Run(
        string name, Func<Task> scenario, uint iterations, uint seed = 1, uint maxSteps = DefaultMaxSteps,
        Func<Configuration, Configuration>? configure = null)
    {
        Configuration configuration = Configuration.Create()
            .WithTestingIterations(iterations)
            .WithRandomGeneratorSeed(seed)
            .WithMaxSchedulingSteps(maxSteps)
            .WithDeadlockTimeout(DeadlockTimeoutMs)
            // A "potential" deadlock is the periodic monitor's guess about a wait it cannot see into (the join of the
            // callback thread); on a loaded CI machine the short timeout above made it guess wrong once. Deadlocks among
            // controlled operations are still found and reported (the planted dead-reader scenario proves it).
            .WithPotentialDeadlocksReportedAsBugs(false)
            .WithTelemetryEnabled(false)
            .WithUncontrolledInvocationStackTraceLoggingEnabled(false);
        if (configure is not null) configuration = configure(configuration);

        using TestingEngine engine = TestingEngine.Create(configuration, scenario);
        var watch = Stopwatch.StartNew();
        engine.Run();
        watch.Stop();
        TestReport report = engine.TestReport;
        return new ExplorationResult(
            name, iterations, report.NumOfExploredFairPaths + report.NumOfExploredUnfairPaths, report.NumOfFoundBugs, watch.Elapsed,
            report.UncontrolledInvocations.ToArray(), report.BugReports.FirstOrDefault(), report.GetText(configuration));
    }

    /// <summary>Asserts that the run found the planted bug, and that nothing it ran escaped Coyote's control.</summary>
    public static void AssertFindsBug(this ExplorationResult result, ITestOutputHelper output, string? expectedFragment = null)
    {
        Log(result, output);
        Assert.True(result.Bugs > 0, $"{result.Name}: Coyote did not find the planted bug in {result.Iterations} iterations.\n{result.Report}");
        if (expectedFragment is not null)
            Assert.Contains(expectedFragment, result.BugText ?? "", StringComparison.Ordinal);
        Assert.Empty(result.Uncontrolled);
    }

    /// <summary>Asserts that the run found no bug, and that nothing it ran escaped Coyote's control.</summary>
    public static void AssertNoBug(this ExplorationResult result, ITestOutputHelper output)
    {
        Log(result, output);
        Assert.True(result.Bugs == 0, $"{result.Name}: Coyote found a bug at iteration {result.Explored}: {result.BugText}\n{result.Report}");
        Assert.Equal((int)result.Iterations, result.Explored);
        Assert.Empty(result.Uncontrolled);
    }

    private static void Log(ExplorationResult result, ITestOutputHelper output)
    {
        output.WriteLine(result.Summary);
        if (result.BugText is not null) output.WriteLine("bug: " + result.BugText);
        output.WriteLine(result.Report);
    }
}
