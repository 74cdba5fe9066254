using RcuCollections.Benchmarks.Engine.Seed;
using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Tests.Benchmarks;

/// <summary>The extension points other components use: a quick suite, a scaling case, and discovery of the real ones.</summary>
public sealed class ExtensionPointTests
{
    [Fact]
    public void A_quick_suite_runs_through_the_runner_and_renders()
    {
        using ProgressReporter progress = ProgressReporter.Silent();
        var (rows, failures) = QuickSuiteRunner.Run([new ExampleQuickSuite()],
            // 20 ms: a 2 ms window on a loaded 2-core machine can complete no batch (a rate of 0).
            () => new QuickSuiteContext(TimeSpan.FromMilliseconds(20), runs: 1, isSmoke: true, progress, CancellationToken.None), progress);
        Assert.Empty(failures);
        QuickRow row = Assert.Single(rows);
        Assert.True(row.Value > 0 && row.BaselineValue > 0);
        Assert.Null(row.TargetMet); // smoke runs judge nothing
        Assert.Contains("plain increment", QuickSuiteRunner.ToMarkdown(rows), StringComparison.Ordinal);
    }

    [Fact]
    public void A_scaling_case_runs_through_the_runner()
    {
        using ProgressReporter progress = ProgressReporter.Silent();
        var settings = new ScalingSettings([1, 2], [0, 0.5],
            new MeasuredRunSettings(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(100), LatencySampleInterval: 4), Runs: 2, NameFilter.All);
        IReadOnlyList<ScalingPointResult> points = ScalingRunner.Run([new ExampleScalingCase()], settings, progress, CancellationToken.None);
        Assert.Equal(4, points.Count); // 2 mixes x 2 thread counts
        Assert.All(points, p => Assert.True(p.Throughput.Median > 0 && p.Throughput.Count == 2));
        Assert.Contains("example-counter", ScalingReport.ToMarkdown(points), StringComparison.Ordinal);
    }

    [Fact]
    public void Discovery_finds_the_engine_suite_cases_and_all_seven_claims()
    {
        Assert.Contains(ExtensionDiscovery.CreateAll<IQuickSuite>(), s => s.Component == "Engine");
        Assert.Contains(ExtensionDiscovery.CreateAll<IScalingCase>(), c => c.Name == "engine-pointer/rcu-fqs");
        Assert.Equal(["B1", "B2", "B3", "B4", "B5", "B6", "B7"],
            ExtensionDiscovery.CreateAll<ISeedClaim>().Select(c => c.Id).Order(StringComparer.Ordinal));
    }
}
