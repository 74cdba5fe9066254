using System.Diagnostics;
using RcuCollections.Benchmarks.Engine.Seed;
using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Cli;

/// <summary>
/// The <c>smoke</c> command CI runs: every quick suite, every scaling case and every seed claim with tiny durations,
/// plus the CSV and chart writers into a temporary folder that is deleted afterwards. It proves everything runs and
/// measures nothing.
/// </summary>
public static class SmokeCommand
{
    /// <summary>Runs the command.</summary>
    /// <param name="cancellationToken">Ctrl+C.</param>
    /// <returns>0 when everything ran, 1 otherwise.</returns>
    public static int Run(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        string folder = Path.Combine(Path.GetTempPath(), "rcu-bench-smoke-" + Environment.ProcessId);
        using ProgressReporter progress = ProgressReporter.ForConsole();
        int failures = 0;
        try
        {
            IReadOnlyList<IQuickSuite> suites = ExtensionDiscovery.CreateAll<IQuickSuite>();
            var (rows, quickFailures) = QuickSuiteRunner.Run(suites,
                () => new QuickSuiteContext(TimeSpan.FromMilliseconds(2), runs: 1, isSmoke: true, progress, cancellationToken), progress);
            failures += quickFailures.Count;
            _ = QuickSuiteRunner.ToMarkdown(rows);
            QuickSuiteRunner.WriteCsv(rows, folder);
            progress.WriteLine($"smoke: {suites.Count} quick suite(s), {rows.Count} row(s)");

            var settings = new ScalingSettings([1, 2], [0, 0.5],
                new MeasuredRunSettings(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5), LatencySampleInterval: 16),
                Runs: 1, NameFilter.All);
            IReadOnlyList<IScalingCase> cases = ExtensionDiscovery.CreateAll<IScalingCase>();
            IReadOnlyList<ScalingPointResult> points = ScalingRunner.Run(cases, settings, progress, cancellationToken);
            _ = ScalingReport.ToMarkdown(points);
            ScalingReport.WriteFiles(points, folder);
            progress.WriteLine($"smoke: {cases.Count} scaling case(s), {points.Count} point(s)");

            var seedContext = new SeedContext(readers: 1, samples: 1, TimeSpan.FromMilliseconds(20), isSmoke: true, progress, cancellationToken);
            IReadOnlyList<ClaimResult> claims = SeedRunner.Run(NameFilter.All, seedContext, printTables: false);
            SeedRunner.WriteFiles(claims, folder, SeedRunner.Header("smoke", seedContext));
            progress.WriteLine($"smoke: {claims.Count} seed claim(s)");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            failures++;
            progress.WriteLine($"smoke failed: {ex}");
        }
        finally
        {
            try
            {
                if (Directory.Exists(folder))
                    Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
        progress.WriteLine($"smoke: {(failures == 0 ? "OK" : $"{failures} failure(s)")} in {clock.Elapsed.TotalSeconds:0.0} s");
        return failures == 0 ? 0 : 1;
    }
}
