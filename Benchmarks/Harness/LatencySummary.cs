namespace RcuCollections.Benchmarks.Harness;

/// <summary>The headline of a latency distribution: sample count, median, 99th percentile and maximum, in nanoseconds.</summary>
/// <param name="Count">Number of samples.</param>
/// <param name="P50">Median in nanoseconds.</param>
/// <param name="P99">99th percentile in nanoseconds.</param>
/// <param name="Max">Maximum in nanoseconds.</param>
public readonly record struct LatencySummary(long Count, double P50, double P99, double Max)
{
    /// <summary>Gets the summary of an empty distribution.</summary>
    public static LatencySummary Empty => new(0, double.NaN, double.NaN, double.NaN);

    /// <summary>
    /// Summarises exact samples (nearest-rank percentiles): used where there are few samples (tens), as in the
    /// seed claims, where a histogram's bucket error would be noise on noise.
    /// </summary>
    /// <param name="nanoseconds">The samples in nanoseconds.</param>
    /// <returns>The summary.</returns>
    public static LatencySummary FromSamples(IReadOnlyCollection<double> nanoseconds)
    {
        ArgumentNullException.ThrowIfNull(nanoseconds);
        if (nanoseconds.Count == 0)
            return Empty;
        double[] sorted = [.. nanoseconds];
        Array.Sort(sorted);
        return new LatencySummary(sorted.Length, NearestRank(sorted, 0.50), NearestRank(sorted, 0.99), sorted[^1]);
    }

    /// <summary>Formats as "p50 / p99 / max" with adaptive units.</summary>
    /// <returns>The text, or "n/a" when empty.</returns>
    public override string ToString() =>
        Count == 0 ? "n/a" : $"{TimeUnits.Format(P50)} / {TimeUnits.Format(P99)} / {TimeUnits.Format(Max)}";

    private static double NearestRank(double[] sorted, double quantile)
    {
        int rank = Math.Max(1, (int)Math.Ceiling(quantile * sorted.Length));
        return sorted[rank - 1];
    }
}
