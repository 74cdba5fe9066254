namespace RcuCollections.Benchmarks.Harness;

/// <summary>Median, minimum and maximum of repeated runs of one measurement.</summary>
/// <param name="Median">The median (mean of the middle two for an even count).</param>
/// <param name="Min">The smallest value.</param>
/// <param name="Max">The largest value.</param>
/// <param name="Count">How many runs.</param>
public readonly record struct RunStatistics(double Median, double Min, double Max, int Count)
{
    /// <summary>Computes the statistics of <paramref name="values"/> (NaN values are ignored).</summary>
    /// <param name="values">One value per run.</param>
    /// <returns>The statistics; all NaN when there is no value.</returns>
    public static RunStatistics Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double[] sorted = [.. values.Where(v => !double.IsNaN(v)).Order()];
        if (sorted.Length == 0)
            return new RunStatistics(double.NaN, double.NaN, double.NaN, 0);
        int mid = sorted.Length / 2;
        double median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new RunStatistics(median, sorted[0], sorted[^1], sorted.Length);
    }

    /// <summary>Gets the spread (max − min) relative to the median, a quick noise indicator.</summary>
    public double RelativeSpread => Median > 0 ? (Max - Min) / Median : double.NaN;
}
