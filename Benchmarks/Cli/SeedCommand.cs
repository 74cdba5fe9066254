using RcuCollections.Benchmarks.Engine.Seed;
using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Cli;

/// <summary>The <c>seed</c> command (and <c>b1</c>..<c>b7</c>): the seed claims on both engines.</summary>
public static class SeedCommand
{
    /// <summary>Runs the command.</summary>
    /// <param name="options">Parsed options.</param>
    /// <param name="onlyClaim">A single claim id ("B3") for the b1..b7 commands, or null for the filter's choice.</param>
    /// <param name="commandLine">The command line, for the report header.</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    /// <returns>The exit code (0).</returns>
    public static int Run(BenchmarkOptions options, string? onlyClaim, string commandLine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        using ProgressReporter progress = ProgressReporter.ForConsole();
        var context = new SeedContext(
            options.Readers ?? HarnessDefaults.SeedReaders,
            options.Samples ?? HarnessDefaults.SeedSamples,
            options.Duration ?? HarnessDefaults.SeedWindow,
            isSmoke: false, progress, cancellationToken);
        string header = SeedRunner.Header(commandLine, context);
        progress.WriteLine(header);
        var filter = new NameFilter(onlyClaim is null ? options.Filters : [onlyClaim]);
        IReadOnlyList<ClaimResult> results = SeedRunner.Run(filter, context);
        if (!options.NoFiles && results.Count > 0)
        {
            foreach (string file in SeedRunner.WriteFiles(results, options.OutputFolder, header))
                progress.WriteLine($"Wrote {file}");
        }
        progress.WriteLine($"Total {progress.Elapsed.TotalSeconds:0} s.");
        return 0;
    }
}
