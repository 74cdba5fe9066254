using System.Globalization;
using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Cli;

/// <summary>The <c>scaling</c> command: the multi-threaded sweeps of every <see cref="IScalingCase"/>.</summary>
public static class ScalingCommand
{
    /// <summary>Builds the sweep settings from the options and the defaults.</summary>
    /// <param name="options">Parsed options.</param>
    /// <returns>The settings.</returns>
    public static ScalingSettings Settings(BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ScalingSettings(
            options.Threads ?? HarnessDefaults.AllThreadCounts,
            options.Writes ?? HarnessDefaults.ScalingWrites,
            new MeasuredRunSettings(
                options.Warmup ?? HarnessDefaults.ScalingWarmup,
                options.Duration ?? HarnessDefaults.ScalingDuration,
                options.LatencySampleInterval ?? HarnessDefaults.ScalingLatencyInterval),
            options.Runs ?? HarnessDefaults.ScalingRuns,
            new NameFilter(options.Filters));
    }

    /// <summary>Runs the command.</summary>
    /// <param name="options">Parsed options.</param>
    /// <param name="commandLine">The command line, for the header.</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    /// <returns>The exit code: 0, or 1 when no case matched the filter.</returns>
    public static int Run(BenchmarkOptions options, string commandLine, CancellationToken cancellationToken)
    {
        ScalingSettings settings = Settings(options);
        IReadOnlyList<IScalingCase> cases = ExtensionDiscovery.CreateAll<IScalingCase>();
        if (!cases.Any(c => settings.Filter.Matches(c.Name)))
        {
            Console.Error.WriteLine($"No scaling case matches the filter. Cases: {string.Join(", ", cases.Select(c => c.Name))}");
            return 1;
        }
        using ProgressReporter progress = ProgressReporter.ForConsole();
        progress.WriteLine("# Scaling sweeps");
        progress.WriteLine();
        progress.WriteLine($"- Machine: {MachineInfo.Current()}");
        progress.WriteLine($"- Date: {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC");
        progress.WriteLine($"- Command: `{commandLine}`");
        progress.WriteLine($"- Threads {string.Join(",", settings.Threads)}; writes {string.Join(",", settings.WriteFractions)}; "
            + $"warm-up {TimeUnits.Format(settings.Run.Warmup.TotalNanoseconds)}, window {TimeUnits.Format(settings.Run.Duration.TotalNanoseconds)}, "
            + $"{settings.Runs} runs (median, min, max); latency: {(settings.Run.LatencySampleInterval > 0 ? $"1 op in {settings.Run.LatencySampleInterval}" : "off")}");
        progress.WriteLine();
        IReadOnlyList<ScalingPointResult> results = ScalingRunner.Run(cases, settings, progress, cancellationToken);
        progress.WriteLine(ScalingReport.ToMarkdown(results));
        if (!options.NoFiles)
        {
            foreach (string file in ScalingReport.WriteFiles(results, options.OutputFolder))
                progress.WriteLine($"Wrote {file}");
        }
        return 0;
    }
}
