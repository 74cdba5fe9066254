using ScottPlot;

namespace RcuCollections.Benchmarks.Harness;

/// <summary>
/// Draws the PNG charts with ScottPlot 5: throughput against thread count, and latency distributions as
/// percentile curves (x: percentile on a "nines" scale, y: latency on a log scale), the usual way to show tails.
/// </summary>
public static class ChartWriter
{
    private const int Width = 900;
    private const int Height = 560;
    private static readonly double[] s_percentileTicks = [0, 0.5, 0.9, 0.99, 0.999, 0.9999, 0.99999];

    /// <summary>Saves a throughput-against-threads chart, one line per series (x: threads, y: operations per second).</summary>
    /// <param name="path">The PNG path; its folder is created.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="series">The lines.</param>
    public static void SaveThroughput(string path, string title, IReadOnlyList<ChartSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var plot = new Plot();
        foreach (ChartSeries s in series)
        {
            var line = plot.Add.Scatter(s.Xs, [.. s.Ys.Select(y => y / 1e6)]);
            line.LegendText = s.Label;
            line.MarkerSize = 7;
        }
        plot.Title(title);
        plot.XLabel("threads");
        plot.YLabel("million operations / s (median of runs)");
        var xTicks = new ScottPlot.TickGenerators.NumericManual();
        foreach (double x in series.SelectMany(s => s.Xs).Distinct().Order())
            xTicks.AddMajor(x, x.ToString(System.Globalization.CultureInfo.InvariantCulture));
        plot.Axes.Bottom.TickGenerator = xTicks;
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsY(0, Math.Max(1e-9, series.SelectMany(s => s.Ys).DefaultIfEmpty(1).Max() / 1e6 * 1.1));
        plot.ShowLegend(Alignment.UpperLeft);
        Save(plot, path);
    }

    /// <summary>Saves a latency distribution chart: one percentile curve per series.</summary>
    /// <param name="path">The PNG path; its folder is created.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="series">Per series, (quantile, nanoseconds) points in ascending quantile order.</param>
    public static void SaveLatencyPercentiles(string path, string title, IReadOnlyList<(string Label, IReadOnlyList<(double Quantile, double Nanoseconds)> Points)> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var plot = new Plot();
        double maxNines = 0;
        foreach ((string label, IReadOnlyList<(double Quantile, double Nanoseconds)> points) in series)
        {
            if (points.Count == 0)
                continue;
            // Step curve: the latency at quantile q holds from the previous point up to q.
            var xs = new List<double>();
            var ys = new List<double>();
            double previous = 0;
            foreach ((double q, double ns) in points)
            {
                double y = Math.Log10(Math.Max(1, ns));
                xs.Add(Nines(previous));
                ys.Add(y);
                xs.Add(Nines(Math.Min(q, 0.999999)));
                ys.Add(y);
                previous = Math.Min(q, 0.999999);
            }
            maxNines = Math.Max(maxNines, xs.Max());
            var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray());
            line.LegendText = label;
            line.LineWidth = 2;
        }
        var xTicks = new ScottPlot.TickGenerators.NumericManual();
        foreach (double q in s_percentileTicks)
        {
            if (Nines(q) <= maxNines + 0.5)
                xTicks.AddMajor(Nines(q), $"{q * 100:0.###}%");
        }
        plot.Axes.Bottom.TickGenerator = xTicks;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = y => TimeUnits.Format(Math.Pow(10, y)),
            IntegerTicksOnly = true,
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        };
        plot.Title(title);
        plot.XLabel("percentile");
        plot.YLabel("latency (log scale)");
        plot.ShowLegend(Alignment.UpperLeft);
        Save(plot, path);
    }

    /// <summary>Turns exact samples into (quantile, value) points for <see cref="SaveLatencyPercentiles"/>.</summary>
    /// <param name="nanoseconds">The samples.</param>
    /// <returns>The points, ascending.</returns>
    public static IReadOnlyList<(double Quantile, double Nanoseconds)> PointsFromSamples(IEnumerable<double> nanoseconds)
    {
        ArgumentNullException.ThrowIfNull(nanoseconds);
        double[] sorted = [.. nanoseconds.Order()];
        var points = new (double, double)[sorted.Length];
        for (int i = 0; i < sorted.Length; i++)
            points[i] = ((i + 1.0) / sorted.Length, sorted[i]);
        return points;
    }

    // "Nines" scale: 0 at p0, 1 at p90, 2 at p99, 3 at p99.9 ...
    private static double Nines(double quantile) => -Math.Log10(1 - Math.Min(quantile, 0.999999));

    private static void Save(Plot plot, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
            Directory.CreateDirectory(folder);
        plot.SavePng(path, Width, Height);
    }
}
