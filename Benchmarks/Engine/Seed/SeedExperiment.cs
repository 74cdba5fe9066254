using RcuCollections.Benchmarks.Engines;
using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine.Seed;

/// <summary>
/// The common shape of the latency claims: a fresh engine, reader threads running a body, one discarded warm-up
/// sample, then samples separated by a gap so that each starts from an idle engine.
/// </summary>
public static class SeedExperiment
{
    /// <summary>Collects latency samples on a fresh engine of <paramref name="variant"/>.</summary>
    /// <param name="context">The claim context.</param>
    /// <param name="variant">The engine.</param>
    /// <param name="readerBody">What each reader runs.</param>
    /// <param name="measure">Takes one sample (nanoseconds; +∞ for "did not complete within the cap").</param>
    /// <param name="gap">Pause before each sample.</param>
    /// <param name="label">Progress label.</param>
    /// <returns>The samples.</returns>
    public static List<double> CollectSamples(
        SeedContext context, EngineVariant variant, Action<IRcuEngine, BackgroundThreadControl> readerBody,
        Func<IRcuEngine, double> measure, TimeSpan gap, string label)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(variant);
        ArgumentNullException.ThrowIfNull(readerBody);
        ArgumentNullException.ThrowIfNull(measure);
        var samples = new List<double>(context.Samples);
        using IRcuEngine engine = variant.Create();
        using (BackgroundThreadGroup readers = SeedReaders.Start(engine, context.Readers, readerBody))
        {
            for (int i = 0; i <= context.Samples; i++)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                context.Progress.Detail($"{label}, {variant.Label}: sample {i}/{context.Samples}");
                Thread.Sleep(gap);
                double value = measure(engine);
                if (i > 0)
                    samples.Add(value); // sample 0 warms up the JIT and the engine's threads
            }
        }
        return samples;
    }

    /// <summary>Formats samples as "p50 / p99 / max", noting timeouts (+∞ samples).</summary>
    /// <param name="samples">Nanosecond samples; +∞ marks a timeout.</param>
    /// <param name="cap">The cap, named in the timeout note.</param>
    /// <returns>The cell text.</returns>
    public static string LatencyCell(IReadOnlyCollection<double> samples, TimeSpan? cap = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        double[] finished = [.. samples.Where(double.IsFinite)];
        int timeouts = samples.Count - finished.Length;
        string summary = finished.Length > 0 ? LatencySummary.FromSamples(finished).ToString() : "";
        if (timeouts == 0)
            return $"{summary} (n={samples.Count})";
        string note = $"{timeouts}/{samples.Count} never ran within {TimeUnits.Format(cap?.TotalNanoseconds ?? double.NaN)}";
        return finished.Length > 0 ? $"{summary}; {note}" : note;
    }

    /// <summary>
    /// Gets the median (nearest rank, the same p50 the table cells show) of the finished samples; NaN when none finished.
    /// </summary>
    /// <param name="samples">Nanosecond samples.</param>
    /// <returns>The median.</returns>
    public static double Median(IEnumerable<double> samples) => LatencySummary.FromSamples([.. samples.Where(double.IsFinite)]).P50;

    /// <summary>Gets the fraction of samples that timed out.</summary>
    /// <param name="samples">Nanosecond samples.</param>
    /// <returns>A fraction in [0, 1].</returns>
    public static double TimeoutFraction(IReadOnlyCollection<double> samples) =>
        samples.Count == 0 ? 0 : samples.Count(s => !double.IsFinite(s)) / (double)samples.Count;
}
