using System.Globalization;
using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Cli;

/// <summary>The <c>quick</c> command: every <see cref="IQuickSuite"/>, one headline table.</summary>
public static class QuickCommand
{
    /// <summary>Runs the command.</summary>
    /// <param name="options">Parsed options.</param>
    /// <param name="commandLine">The command line, for the header.</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    /// <returns>The exit code: 0, or 1 when a suite failed.</returns>
    public static int Run(BenchmarkOptions options, string commandLine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var filter = new NameFilter(options.Filters);
        IQuickSuite[] suites = [.. ExtensionDiscovery.CreateAll<IQuickSuite>().Where(s => filter.Matches(s.Component))];
        using ProgressReporter progress = ProgressReporter.ForConsole();
        progress.WriteLine($"# Quick headline table");
        progress.WriteLine();
        progress.WriteLine($"- Machine: {MachineInfo.Current()}");
        progress.WriteLine($"- Date: {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC");
        progress.WriteLine($"- Command: `{commandLine}`");
        progress.WriteLine();
        TimeSpan duration = options.Duration ?? HarnessDefaults.QuickDuration;
        int runs = options.Runs ?? HarnessDefaults.QuickRuns;
        var (rows, failures) = QuickSuiteRunner.Run(suites,
            () => new QuickSuiteContext(duration, runs, isSmoke: false, progress, cancellationToken), progress);
        progress.WriteLine();
        progress.WriteLine(QuickSuiteRunner.ToMarkdown(rows));
        progress.WriteLine($"Ratio: how many times better than the baseline measured in the same run (>1 better). Total {progress.Elapsed.TotalSeconds:0} s.");
        if (!options.NoFiles)
            progress.WriteLine($"Wrote {QuickSuiteRunner.WriteCsv(rows, options.OutputFolder)}");
        return failures.Count == 0 ? 0 : 1;
    }
}
