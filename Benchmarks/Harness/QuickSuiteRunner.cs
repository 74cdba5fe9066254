using System.Diagnostics;

namespace RcuCollections.Benchmarks.Harness;

/// <summary>
/// Runs every discovered <see cref="IQuickSuite"/> and collects their rows. A suite that throws does not stop the
/// others: its failure is reported as a row-less error and makes the command fail at the end.
/// </summary>
public static class QuickSuiteRunner
{
    /// <summary>Runs the suites in order.</summary>
    /// <param name="suites">The suites (usually <see cref="ExtensionDiscovery.CreateAll{T}"/>).</param>
    /// <param name="contextFactory">Builds each suite's context.</param>
    /// <param name="progress">The status line.</param>
    /// <returns>All rows, and the failures by component.</returns>
    public static (IReadOnlyList<QuickRow> Rows, IReadOnlyList<(string Component, Exception Error)> Failures) Run(
        IReadOnlyList<IQuickSuite> suites, Func<QuickSuiteContext> contextFactory, ProgressReporter progress)
    {
        ArgumentNullException.ThrowIfNull(suites);
        ArgumentNullException.ThrowIfNull(contextFactory);
        ArgumentNullException.ThrowIfNull(progress);
        var rows = new List<QuickRow>();
        var failures = new List<(string, Exception)>();
        IQuickSuite[] ordered = [.. suites.OrderBy(s => s.Order).ThenBy(s => s.Component, StringComparer.Ordinal)];
        progress.AddSteps(ordered.Length);
        foreach (IQuickSuite suite in ordered)
        {
            progress.BeginStep($"quick: {suite.Component}");
            QuickSuiteContext context = contextFactory();
            context.CancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            try
            {
                rows.AddRange(suite.Run(context));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures.Add((suite.Component, ex));
                progress.WriteLine($"quick suite '{suite.Component}' failed: {ex}");
            }
            progress.WriteLine($"  {suite.Component}: {clock.Elapsed.TotalSeconds:0.0} s");
        }
        return (rows, failures);
    }

    /// <summary>Renders the headline table.</summary>
    /// <param name="rows">The rows.</param>
    /// <returns>The Markdown table.</returns>
    public static string ToMarkdown(IReadOnlyList<QuickRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var table = new MarkdownTable("Component", "Metric", ">Value", "Baseline (same run)", ">Baseline value", ">Ratio", "Target", "Met", "Note");
        foreach (QuickRow r in rows)
        {
            table.AddRow(r.Component, r.Metric, FormatValue(r.Value, r.Unit), r.BaselineName, FormatValue(r.BaselineValue, r.Unit),
                double.IsNaN(r.Ratio) ? "n/a" : TimeUnits.Significant(r.Ratio) + "x " + (r.Ratio >= 1 ? "better" : "worse"),
                r.Target, r.TargetMet switch { true => "yes", false => "NO", null => "-" }, r.Note);
        }
        return table.ToString();
    }

    /// <summary>Writes <c>quick.csv</c> into <paramref name="folder"/>.</summary>
    /// <param name="rows">The rows.</param>
    /// <param name="folder">The output folder.</param>
    /// <returns>The path written.</returns>
    public static string WriteCsv(IReadOnlyList<QuickRow> rows, string folder)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new CsvFile("component", "metric", "value", "unit", "baseline", "baseline_value", "lower_is_better", "ratio", "target", "target_met", "note");
        foreach (QuickRow r in rows)
            csv.AddRow(r.Component, r.Metric, r.Value, r.Unit, r.BaselineName, r.BaselineValue, r.LowerIsBetter, r.Ratio, r.Target, r.TargetMet, r.Note);
        string path = Path.Combine(folder, "quick.csv");
        csv.Save(path);
        return path;
    }

    private static string FormatValue(double value, string unit) => unit switch
    {
        "ns" => TimeUnits.Format(value),
        _ => $"{TimeUnits.Significant(value)} {unit}",
    };
}
