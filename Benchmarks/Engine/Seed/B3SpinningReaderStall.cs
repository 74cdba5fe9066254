using System.Runtime.CompilerServices;
using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine.Seed;

/// <summary>
/// B3 (docs/design/rcu-algorithms.md §5, the F1 reproducer): one reader per thread spins inside a section until its
/// force callback fires; a lone Defer with no Barrier; time to the callback, capped.
/// </summary>
public sealed class B3SpinningReaderStall : ISeedClaim
{
    /// <inheritdoc />
    public string Id => "B3";

    /// <inheritdoc />
    public string Title => "The stall: a reader spinning until forced, a lone Defer, no Barrier";

    /// <inheritdoc />
    public string Expectation =>
        "pre-patch never completes (notifiers run only during a drain); FQS ≈ the polling budget (5 × 10 ms) plus the kick-to-exit latency, < 200 ms";

    /// <inheritdoc />
    public ClaimResult Run(SeedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        TimeSpan cap = context.Pick(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(100));
        TimeSpan gap = context.Pick(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(2));
        var table = new MarkdownTable("Case", ">legacy", ">FQS p50 / p99 / max", "Holds here?");
        int legacySamples = Math.Min(context.Samples, 3); // each pre-patch sample costs the whole cap
        var result = new ClaimResult(Id, Title, Expectation,
            $"{context.Readers} reader thread(s), each spinning in one section until its force callback sets a flag; one Defer per sample, capped at {TimeUnits.Format(cap.TotalNanoseconds)} (pre-patch: {legacySamples} samples, each costing the cap; FQS: {context.Samples}).",
            table);

        var cells = new Dictionary<string, List<double>>();
        foreach (EngineVariant variant in EngineVariant.Both)
        {
            var release = new StrongBox<int>();
            var variantContext = variant == EngineVariant.Legacy
                ? new SeedContext(context.Readers, legacySamples, context.Window, context.IsSmoke, context.Progress, context.CancellationToken)
                : context;
            List<double> samples = SeedExperiment.CollectSamples(variantContext, variant, SeedReaders.SpinUntilForced(release), engine =>
            {
                CallbackProbe probe = CallbackProbe.Post(engine);
                if (probe.Wait(cap))
                    return probe.LastNanoseconds;
                // Timed out: let the readers leave their sections so this callback completes before the next sample.
                Volatile.Write(ref release.Value, 1);
                probe.Wait(TimeSpan.FromSeconds(10));
                Volatile.Write(ref release.Value, 0);
                return double.PositiveInfinity;
            }, gap, "B3");
            cells[variant.Label] = samples;
            result.LatencySamples.Add(($"{variant.Label}, spinning reader", [.. samples.Where(double.IsFinite)]));
        }
        table.AddRow("lone Defer, no Barrier", SeedExperiment.LatencyCell(cells["legacy"], cap), SeedExperiment.LatencyCell(cells["FQS"], cap),
            Verdict(context, cells["legacy"], cells["FQS"], cap));
        return result;
    }

    private static string Verdict(SeedContext context, List<double> legacy, List<double> fqs, TimeSpan cap)
    {
        if (context.IsSmoke)
            return "smoke run: not judged";
        double legacyTimeouts = SeedExperiment.TimeoutFraction(legacy);
        double fqsTimeouts = SeedExperiment.TimeoutFraction(fqs);
        double f = SeedExperiment.Median(fqs) / 1e6;
        string legacyPart = legacyTimeouts == 1
            ? $"Holds for pre-patch (no callback ran within {cap.TotalSeconds:0.#} s: the stall)"
            : $"Pre-patch completed {(1 - legacyTimeouts) * 100:0}% of samples, not expected";
        string fqsPart = fqsTimeouts == 0 && SeedExperiment.Median(fqs) < 200e6
            ? $"holds for FQS (median {TimeUnits.Format(f * 1e6)}, under the 200 ms acceptance bound)"
            : $"FQS median {TimeUnits.Format(f * 1e6)} with {fqsTimeouts * 100:0}% timeouts: does not hold";
        return $"{legacyPart}; {fqsPart}.";
    }
}
