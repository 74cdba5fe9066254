namespace RcuCollections.Benchmarks.Harness;

/// <summary>One line of a chart: a label and its (x, y) points.</summary>
/// <param name="Label">The legend text.</param>
/// <param name="Xs">X values.</param>
/// <param name="Ys">Y values, one per X value.</param>
public sealed record ChartSeries(string Label, double[] Xs, double[] Ys);
