using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine.Seed;

/// <summary>B2 (docs/design/rcu-algorithms.md §5): bursts of 30, 100 and 1000 Defers at once, readers running ~1 µs
/// sections; Defer of the first → last callback.</summary>
public sealed class B2BurstLatency : ISeedClaim
{
    /// <inheritdoc />
    public string Id => "B2";

    /// <inheritdoc />
    public string Title => "Bursts of callbacks";

    /// <inheritdoc />
    public string Expectation =>
        "pre-patch ≤ 10 ms plus the grace period (a batch of ≥ 30 ends the batching after one sleep); FQS forces at once (≥ 30 pending), so well under 10 ms";

    /// <inheritdoc />
    public ClaimResult Run(SeedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        TimeSpan gap = context.Pick(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(5));
        var table = new MarkdownTable(">Burst", ">legacy p50 / p99 / max", ">FQS p50 / p99 / max", "Holds here?");
        var result = new ClaimResult(Id, Title, Expectation,
            $"{context.Readers} reader thread(s) running ~1 µs sections back to back; {context.Samples} bursts per cell, {TimeUnits.Format(gap.TotalNanoseconds)} apart; time from the first Defer to the last callback.",
            table);
        var body = SeedReaders.ShortSections(TimeSpan.FromMicroseconds(1));
        foreach (int burst in context.IsSmoke ? [30] : new[] { 30, 100, 1000 })
        {
            var cells = new Dictionary<string, List<double>>();
            foreach (EngineVariant variant in EngineVariant.Both)
            {
                List<double> samples = SeedExperiment.CollectSamples(context, variant, body, engine =>
                {
                    CallbackProbe probe = CallbackProbe.Post(engine, burst);
                    return probe.Wait(TimeSpan.FromSeconds(5)) ? probe.LastNanoseconds : double.PositiveInfinity;
                }, gap, $"B2 burst {burst}");
                cells[variant.Label] = samples;
                result.LatencySamples.Add(($"{variant.Label}, burst {burst}", samples));
            }
            table.AddRow(burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
                SeedExperiment.LatencyCell(cells["legacy"]), SeedExperiment.LatencyCell(cells["FQS"]), Verdict(context, cells["legacy"], cells["FQS"]));
        }
        return result;
    }

    private static string Verdict(SeedContext context, List<double> legacy, List<double> fqs)
    {
        if (context.IsSmoke)
            return "smoke run: not judged";
        double l = SeedExperiment.Median(legacy) / 1e6, f = SeedExperiment.Median(fqs) / 1e6;
        string legacyPart = l <= 15
            ? $"Holds for pre-patch (median {TimeUnits.Format(l * 1e6)} within 10 ms plus the grace period: a burst of 30 or more ends the batching at once)"
            : $"Pre-patch median is {TimeUnits.Format(l * 1e6)}, more than 10 ms plus a short grace period";
        string fqsPart = f < 10 && f < l
            ? $"holds for FQS (median {TimeUnits.Format(f * 1e6)}, {l / f:0.#}x sooner)"
            : $"FQS median is {TimeUnits.Format(f * 1e6)}, not below pre-patch (both start the grace period at once for a burst of 30 or more)";
        return $"{legacyPart}; {fqsPart}.";
    }
}
