using RcuCollections.Benchmarks.Harness;
using RcuCollections.Benchmarks.Quick;

namespace RcuCollections.Tests.Benchmarks;

/// <summary>The dictionary's quick suite and scaling cases plug into the harness and run (smoke sizes).</summary>
public sealed class DictionaryBenchmarkTests
{
    private static readonly string[] s_allMaps = ["concurrent", "dictionary-rwls", "immutable", "nonblocking", "rcu"];

    [Fact]
    public void Discovery_finds_one_case_per_map_and_workload()
    {
        ILookup<string, string> variants = ExtensionDiscovery.CreateAll<IScalingCase>()
            .Where(c => c.Name.StartsWith("dictionary-", StringComparison.Ordinal))
            .ToLookup(c => c.Group, c => c.Name[(c.Group.Length + 1)..]);
        Assert.Equal(s_allMaps, variants["dictionary-hot1k"].Order(StringComparer.Ordinal));
        Assert.Equal(s_allMaps, variants["dictionary-addonly"].Order(StringComparer.Ordinal));
        Assert.Equal(s_allMaps, variants["dictionary-churn1k"].Order(StringComparer.Ordinal));
        Assert.Equal(s_allMaps.Where(m => m != "immutable"), variants["dictionary-random1m"].Order(StringComparer.Ordinal));
        Assert.Contains(ExtensionDiscovery.CreateAll<IQuickSuite>(), s => s is DictionaryQuickSuite);
    }

    [Fact]
    public void Quick_suite_returns_every_headline_row_in_smoke_mode()
    {
        using ProgressReporter progress = ProgressReporter.Silent();
        // 20 ms windows: with 2 ms, a two-thread wall-clock window on a loaded 2-core machine sometimes completed no batch
        // at all (a rate of 0 for one map or its baseline), which says nothing about the suite.
        var (rows, failures) = QuickSuiteRunner.Run([new DictionaryQuickSuite()],
            () => new QuickSuiteContext(TimeSpan.FromMilliseconds(20), runs: 1, isSmoke: true, progress, CancellationToken.None), progress);
        Assert.Empty(failures);
        Assert.All(rows, r => Assert.Null(r.TargetMet)); // smoke runs judge nothing
        QuickRow[] throughput = [.. rows.Where(r => r.Unit == "Mops/s")];
        Assert.All(throughput, r => Assert.True(r.Value > 0 && r.BaselineValue > 0, r.Metric));
        // hot reads (×threads + RWLS), 90/10 ×2 baselines, 50/50, add-only, random reads, per thread count; memory; churn.
        int threadCounts = Environment.ProcessorCount > 1 ? 2 : 1;
        Assert.Equal(6 * threadCounts + 1, throughput.Length);
        Assert.Single(rows, r => r.Unit == "B/entry" && r.Value > 0 && r.BaselineValue > 0);
        Assert.Single(rows, r => r.Unit == "B/op");
    }

    [Fact]
    public void Scaling_cases_run_at_two_threads_with_and_without_writes()
    {
        using ProgressReporter progress = ProgressReporter.Silent();
        // The 1M group builds a million keys per run; its workload type is the hot group's, so it is left out here.
        IScalingCase[] cases = [.. ExtensionDiscovery.CreateAll<IScalingCase>()
            .Where(c => c.Name.StartsWith("dictionary-", StringComparison.Ordinal) && c.Group != "dictionary-random1m")];
        var settings = new ScalingSettings([2], [0, 0.5],
            // 50 ms windows, for the same reason as the quick-suite test above (a contended two-thread case, such as
            // ImmutableInterlocked adds, sometimes completed no batch in 20 ms on a loaded 2-core machine).
            new MeasuredRunSettings(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(50), LatencySampleInterval: 0), Runs: 1, NameFilter.All);
        IReadOnlyList<ScalingPointResult> points = ScalingRunner.Run(cases, settings, progress, CancellationToken.None);
        // Add-only and churn ignore the mix and run once; the read groups run at both mixes.
        Assert.Equal(cases.Count(c => c.SupportsWrites) * 2 + cases.Count(c => !c.SupportsWrites), points.Count);
        Assert.All(points, p => Assert.True(p.Throughput.Median > 0, p.CaseName));
    }
}
