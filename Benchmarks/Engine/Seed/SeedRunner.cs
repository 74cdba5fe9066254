using System.Diagnostics;
using System.Globalization;
using System.Text;
using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine.Seed;

/// <summary>Runs the selected seed claims and writes their report (<c>seed.md</c>), figures (<c>seed.csv</c>) and latency charts.</summary>
public static class SeedRunner
{
    /// <summary>Runs the claims whose id the filter selects, printing each table as it completes.</summary>
    /// <param name="filter">Which claims ("B1", "B*"); empty = all.</param>
    /// <param name="context">The shared parameters.</param>
    /// <param name="printTables">Whether to print each claim's table (false: one line per claim, for the smoke run).</param>
    /// <returns>The results in id order.</returns>
    public static IReadOnlyList<ClaimResult> Run(NameFilter filter, SeedContext context, bool printTables = true)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(context);
        ISeedClaim[] claims = [.. ExtensionDiscovery.CreateAll<ISeedClaim>().Where(c => filter.Matches(c.Id)).OrderBy(c => c.Id, StringComparer.Ordinal)];
        context.Progress.AddSteps(claims.Length);
        var results = new List<ClaimResult>();
        foreach (ISeedClaim claim in claims)
        {
            context.Progress.BeginStep($"{claim.Id}: {claim.Title}");
            var clock = Stopwatch.StartNew();
            ClaimResult result = claim.Run(context);
            results.Add(result);
            context.Progress.WriteLine(printTables
                ? FormatClaim(result) + $"({clock.Elapsed.TotalSeconds:0.0} s)" + Environment.NewLine
                : $"  {claim.Id}: {result.Table.RowCount} row(s), {clock.Elapsed.TotalSeconds:0.0} s");
        }
        return results;
    }

    /// <summary>Formats one claim as a Markdown section.</summary>
    /// <param name="result">The claim's result.</param>
    /// <returns>The section text.</returns>
    public static string FormatClaim(ClaimResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new StringBuilder()
            .AppendLine($"### {result.Id}: {result.Title}").AppendLine()
            .AppendLine($"Expected (docs/design/rcu-algorithms.md §5): {result.Expectation}.").AppendLine()
            .AppendLine($"Setup: {result.Setup}").AppendLine()
            .Append(result.Table).AppendLine()
            .ToString();
    }

    /// <summary>Writes <c>seed.md</c>, <c>seed.csv</c> and one latency chart per claim that has samples.</summary>
    /// <param name="results">The claims' results.</param>
    /// <param name="folder">The output folder.</param>
    /// <param name="header">The machine/date/command header for <c>seed.md</c>.</param>
    /// <returns>The files written.</returns>
    public static IReadOnlyList<string> WriteFiles(IReadOnlyList<ClaimResult> results, string folder, string header)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        var report = new StringBuilder(header).AppendLine();
        foreach (ClaimResult r in results)
            report.Append(FormatClaim(r));
        string md = Path.Combine(folder, "seed.md");
        File.WriteAllText(md, report.ToString());
        files.Add(md);

        var csv = new CsvFile("claim", "series_or_case", "engine", "metric", "value");
        foreach (ClaimResult r in results)
        {
            foreach ((string series, List<double> samples) in r.LatencySamples)
            {
                LatencySummary s = LatencySummary.FromSamples([.. samples.Where(double.IsFinite)]);
                csv.AddRow(r.Id, series, "", "samples", (double)samples.Count);
                csv.AddRow(r.Id, series, "", "timeouts", (double)samples.Count(v => !double.IsFinite(v)));
                csv.AddRow(r.Id, series, "", "p50_ns", s.P50);
                csv.AddRow(r.Id, series, "", "p99_ns", s.P99);
                csv.AddRow(r.Id, series, "", "max_ns", s.Max);
            }
            foreach ((string caseName, string engine, string metric, double value) in r.Figures)
                csv.AddRow(r.Id, caseName, engine, metric, value);
        }
        string csvPath = Path.Combine(folder, "seed.csv");
        csv.Save(csvPath);
        files.Add(csvPath);

        foreach (ClaimResult r in results)
        {
            var series = r.LatencySamples.Where(s => s.Nanoseconds.Any(double.IsFinite))
                .Select(s => (s.Series, ChartWriter.PointsFromSamples(s.Nanoseconds.Where(double.IsFinite))))
                .ToList();
            if (series.Count == 0)
                continue;
            string chart = Path.Combine(folder, $"seed-{r.Id}.png");
            ChartWriter.SaveLatencyPercentiles(chart, $"{r.Id}: {r.Title}", series);
            files.Add(chart);
        }
        return files;
    }

    /// <summary>Builds the report header: machine, date, command, and the caveat about the shared machine.</summary>
    /// <param name="command">The exact command line.</param>
    /// <param name="context">The parameters used.</param>
    /// <returns>The header text.</returns>
    public static string Header(string command, SeedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new StringBuilder()
            .AppendLine("## Seed claims B1–B7, both engines").AppendLine()
            .AppendLine($"- Machine: {MachineInfo.Current()}")
            .AppendLine($"- Date: {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC")
            .AppendLine($"- Command: `{command}`")
            .AppendLine($"- Readers: {context.Readers}; samples per latency cell: {context.Samples}; loop window: {TimeUnits.Format(context.Window.TotalNanoseconds)}")
            .AppendLine("- Engines: `legacy` is the pre-patch port (Benchmarks/Baselines/LegacyRcu, QEMU's default build: full fences); `FQS` is RcuDomain with its defaults (asymmetric read side). B5 also runs the other flavour of each.")
            .ToString();
    }
}
