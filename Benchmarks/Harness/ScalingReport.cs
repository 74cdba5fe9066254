using System.Globalization;

namespace RcuCollections.Benchmarks.Harness;

/// <summary>Prints the sweep results as Markdown and writes <c>scaling.csv</c> and the PNG charts.</summary>
public static class ScalingReport
{
    /// <summary>Renders the results as one Markdown table per group.</summary>
    /// <param name="results">The sweep results.</param>
    /// <returns>The Markdown text.</returns>
    public static string ToMarkdown(IReadOnlyList<ScalingPointResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = new System.Text.StringBuilder();
        foreach (var group in results.GroupBy(r => r.Group))
        {
            var table = new MarkdownTable("Case", ">Writes", ">Threads", ">Mops/s (median)", ">min", ">max",
                ">ns/op/thread", ">B/op", ">p50", ">p99", ">max latency");
            foreach (ScalingPointResult r in group.OrderBy(r => r.WriteFraction).ThenBy(r => r.Threads).ThenBy(r => r.CaseName, StringComparer.Ordinal))
            {
                LatencySummary latency = r.Latency.Summarize();
                table.AddRow(r.CaseName, $"{r.WriteFraction * 100:0.##}%", r.Threads.ToString(CultureInfo.InvariantCulture),
                    Mops(r.Throughput.Median), Mops(r.Throughput.Min), Mops(r.Throughput.Max),
                    TimeUnits.Significant(r.NanosecondsPerOperationPerThread),
                    TimeUnits.Significant(r.AllocatedBytesPerOperation),
                    TimeUnits.Format(latency.P50), TimeUnits.Format(latency.P99), TimeUnits.Format(latency.Max));
            }
            text.AppendLine($"### {group.Key}").AppendLine().Append(table).AppendLine();
        }
        return text.ToString();
    }

    /// <summary>Writes <c>scaling.csv</c>, a throughput chart per group and mix, and a latency chart per group and mix at the highest thread count.</summary>
    /// <param name="results">The sweep results.</param>
    /// <param name="folder">The output folder (created if needed).</param>
    /// <returns>The files written.</returns>
    public static IReadOnlyList<string> WriteFiles(IReadOnlyList<ScalingPointResult> results, string folder)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var files = new List<string>();
        var csv = new CsvFile("case", "group", "write_fraction", "threads", "runs", "ops_per_s_median", "ops_per_s_min", "ops_per_s_max",
            "ns_per_op_per_thread", "allocated_bytes_per_op", "latency_samples", "latency_p50_ns", "latency_p99_ns", "latency_max_ns");
        foreach (ScalingPointResult r in results)
        {
            LatencySummary l = r.Latency.Summarize();
            csv.AddRow(r.CaseName, r.Group, r.WriteFraction, r.Threads, r.Throughput.Count, r.Throughput.Median, r.Throughput.Min,
                r.Throughput.Max, r.NanosecondsPerOperationPerThread, r.AllocatedBytesPerOperation, l.Count, l.P50, l.P99, l.Max);
        }
        string csvPath = Path.Combine(folder, "scaling.csv");
        csv.Save(csvPath);
        files.Add(csvPath);

        foreach (var point in results.GroupBy(r => (r.Group, r.WriteFraction)))
        {
            string stem = FileNames.Sanitize($"{point.Key.Group}-w{point.Key.WriteFraction * 100:0.##}");
            var series = point.GroupBy(r => r.CaseName)
                .Select(c => new ChartSeries(c.Key, [.. c.OrderBy(r => r.Threads).Select(r => (double)r.Threads)],
                    [.. c.OrderBy(r => r.Threads).Select(r => r.Throughput.Median)]))
                .ToList();
            string chart = Path.Combine(folder, $"scaling-{stem}.png");
            ChartWriter.SaveThroughput(chart, $"{point.Key.Group}: throughput ({point.Key.WriteFraction * 100:0.##}% writes)", series);
            files.Add(chart);

            int maxThreads = point.Max(r => r.Threads);
            var latencySeries = point.Where(r => r.Threads == maxThreads && r.Latency.Count > 0)
                .Select(r => (r.CaseName, r.Latency.QuantilePoints()))
                .ToList();
            if (latencySeries.Count > 0)
            {
                string latencyChart = Path.Combine(folder, $"latency-{stem}-t{maxThreads}.png");
                ChartWriter.SaveLatencyPercentiles(latencyChart,
                    $"{point.Key.Group}: operation latency, {maxThreads} thread(s), {point.Key.WriteFraction * 100:0.##}% writes", latencySeries);
                files.Add(latencyChart);
            }
        }
        return files;
    }

    private static string Mops(double opsPerSecond) => TimeUnits.Significant(opsPerSecond / 1e6);
}
