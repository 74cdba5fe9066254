using RcuCollections.Benchmarks.Engines;
using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine.Seed;

/// <summary>
/// B1 (docs/design/rcu-algorithms.md §5): grace-period latency after a lone Defer, every ≥ 200 ms, with idle readers
/// and with readers running ~1 µs sections back to back. The metric is Defer → callback start.
/// </summary>
public sealed class B1LoneDeferLatency : ISeedClaim
{
    /// <inheritdoc />
    public string Id => "B1";

    /// <inheritdoc />
    public string Title => "Grace-period latency after a lone Defer";

    /// <inheritdoc />
    public string Expectation =>
        "pre-patch ≈ 50–60 ms (the call_rcu thread batches for 5 × 10 ms before the grace period starts); FQS ≪ 1 ms when every reader is quiescent at the first scan, otherwise a multiple of the 10 ms poll";

    /// <inheritdoc />
    public ClaimResult Run(SeedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        TimeSpan gap = context.Pick(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(5));
        var table = new MarkdownTable("Readers", ">legacy p50 / p99 / max", ">FQS p50 / p99 / max", "Holds here?");
        var result = new ClaimResult(Id, Title, Expectation,
            $"{context.Readers} reader thread(s); {context.Samples} samples per cell, one lone Defer every {TimeUnits.Format(gap.TotalNanoseconds)} plus its latency; time from Defer to the callback's start.",
            table);
        var cases = new (string Name, Action<IRcuEngine, BackgroundThreadControl> Body)[]
        {
            ("idle (registered, outside sections)", SeedReaders.Idle),
            ("busy, ~1 µs sections back to back", SeedReaders.ShortSections(TimeSpan.FromMicroseconds(1))),
        };
        foreach ((string name, Action<IRcuEngine, BackgroundThreadControl> body) in cases)
        {
            var cells = new Dictionary<string, List<double>>();
            foreach (EngineVariant variant in EngineVariant.Both)
            {
                List<double> samples = SeedExperiment.CollectSamples(context, variant, body, engine =>
                {
                    CallbackProbe probe = CallbackProbe.Post(engine);
                    return probe.Wait(TimeSpan.FromSeconds(5)) ? probe.LastNanoseconds : double.PositiveInfinity;
                }, gap, $"B1 {name}");
                cells[variant.Label] = samples;
                result.LatencySamples.Add(($"{variant.Label}, {name}", samples));
            }
            table.AddRow(name, SeedExperiment.LatencyCell(cells["legacy"]), SeedExperiment.LatencyCell(cells["FQS"]),
                Verdict(context, cells["legacy"], cells["FQS"]));
        }
        return result;
    }

    private static string Verdict(SeedContext context, List<double> legacy, List<double> fqs)
    {
        if (context.IsSmoke)
            return "smoke run: not judged";
        double l = SeedExperiment.Median(legacy) / 1e6, f = SeedExperiment.Median(fqs) / 1e6;
        string legacyPart = l is >= 40 and <= 80
            ? $"holds for pre-patch (median {TimeUnits.Format(l * 1e6)}: the batching delay)"
            : $"pre-patch median is {TimeUnits.Format(l * 1e6)}, outside the expected 50–60 ms";
        string fqsPart = f < 1
            ? $"holds for FQS (median {TimeUnits.Format(f * 1e6)}, ≪ 1 ms)"
            : $"FQS median is {TimeUnits.Format(f * 1e6)}, not ≪ 1 ms (readers caught mid-section at the first scan wait for the 10 ms poll)";
        return $"{char.ToUpperInvariant(legacyPart[0])}{legacyPart[1..]}; {fqsPart}.";
    }
}
