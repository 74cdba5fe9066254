using System.Globalization;

namespace RcuCollections.Benchmarks.Soak;

/// <summary>
/// Whether the managed heap stayed flat, in the sense that matters for a soak: it did not grow. The first sample is
/// warm-up and never counts. For a run of two minutes or more, the mean of the last minute's samples must not exceed
/// the mean of the first minute's by more than 10 %; for a shorter run, the last sample must not exceed the first
/// sample after the warm-up by more than 10 %. A heap that ends lower is reported with its change and passes: a
/// 30-minute run on 2026-12-06 settled from 0.99 MB to 0.83 MB after about four minutes and stayed there, which a
/// symmetric ±10 % band would have failed although nothing leaked.
/// </summary>
/// <param name="Flat">Whether the heap is flat (false when there are too few samples to tell).</param>
/// <param name="Explanation">The rule applied and the figures, for the summary.</param>
public sealed record HeapVerdict(bool Flat, string Explanation)
{
    /// <summary>The largest relative change that still counts as flat.</summary>
    public const double Tolerance = 0.10;

    /// <summary>Applies the rule to a run's samples.</summary>
    /// <param name="samples">The samples, in time order.</param>
    /// <param name="runLength">The length of the run.</param>
    /// <returns>The verdict.</returns>
    public static HeapVerdict Evaluate(IReadOnlyList<HeapSample> samples, TimeSpan runLength)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count < 3)
            return new HeapVerdict(false, $"not enough samples to judge ({samples.Count}; the rule needs the warm-up sample and two more, a run of at least 30 s)");

        if (runLength >= TimeSpan.FromMinutes(2))
        {
            double end = runLength.TotalSeconds;
            double first = Mean(samples, 1, s => s.Seconds <= 60);
            double last = Mean(samples, 1, s => s.Seconds > end - 60);
            return Judge(first, last, "mean of the last minute's samples", "mean of the first minute's (warm-up sample excluded)");
        }

        return Judge(samples[1].Bytes, samples[^1].Bytes, "last sample", "first sample after the warm-up (run under 2 minutes)");
    }

    private static HeapVerdict Judge(double baseline, double final, string finalName, string baselineName)
    {
        if (double.IsNaN(baseline) || double.IsNaN(final) || baseline <= 0)
            return new HeapVerdict(false, $"not enough samples to compare the {finalName} with the {baselineName}");
        double change = (final - baseline) / baseline;
        bool flat = change <= Tolerance;
        string text = string.Create(CultureInfo.InvariantCulture,
            $"{(flat ? "yes" : "NO")}: {finalName} {Megabytes(final)} vs {baselineName} {Megabytes(baseline)}: {change:+0.0%;-0.0%;0.0%} (limit +{Tolerance:0%}{(change < -Tolerance ? "; it shrank, which is no leak" : "")})");
        return new HeapVerdict(flat, text);
    }

    private static double Mean(IReadOnlyList<HeapSample> samples, int from, Func<HeapSample, bool> include)
    {
        double sum = 0;
        int count = 0;
        for (int i = from; i < samples.Count; i++)
        {
            if (!include(samples[i]))
                continue;
            sum += samples[i].Bytes;
            count++;
        }
        return count == 0 ? double.NaN : sum / count;
    }

    /// <summary>Formats bytes as megabytes with two decimals.</summary>
    /// <param name="bytes">The byte count.</param>
    /// <returns>"12.34 MB".</returns>
    public static string Megabytes(double bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.00", CultureInfo.InvariantCulture) + " MB";
}
