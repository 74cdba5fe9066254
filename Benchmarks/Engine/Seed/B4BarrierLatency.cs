using System.Diagnostics;
using System.Runtime.CompilerServices;
using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine.Seed;

/// <summary>B4 (spec §5): Barrier (drain_call_rcu) wall time with the B3 spinning reader.</summary>
public sealed class B4BarrierLatency : ISeedClaim
{
    /// <inheritdoc />
    public string Id => "B4";

    /// <inheritdoc />
    public string Title => "Barrier latency with a reader spinning until forced";

    /// <inheritdoc />
    public string Expectation =>
        "pre-patch ≈ the batching delay (0–60 ms) plus the kick latency; FQS ≈ the kick latency (sub-ms to ~1 ms)";

    /// <inheritdoc />
    public ClaimResult Run(SeedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        TimeSpan cap = context.Pick(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(500));
        TimeSpan gap = context.Pick(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(2));
        var table = new MarkdownTable("Case", ">legacy p50 / p99 / max", ">FQS p50 / p99 / max", "Holds here?");
        var result = new ClaimResult(Id, Title, Expectation,
            $"{context.Readers} reader thread(s) spinning as in B3; {context.Samples} Barrier calls per cell, {TimeUnits.Format(gap.TotalNanoseconds)} apart, each capped at {TimeUnits.Format(cap.TotalNanoseconds)}; wall time of Barrier().",
            table);
        var cells = new Dictionary<string, List<double>>();
        foreach (EngineVariant variant in EngineVariant.Both)
        {
            var release = new StrongBox<int>();
            List<double> samples = SeedExperiment.CollectSamples(context, variant, SeedReaders.SpinUntilForced(release), engine =>
            {
                long start = Stopwatch.GetTimestamp();
                // On a pool thread with a cap, so a Barrier that never returns cannot hang the run.
                Task barrier = Task.Factory.StartNew(engine.Barrier, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                if (barrier.Wait(cap))
                    return TimeUnits.NanosecondsSince(start);
                Volatile.Write(ref release.Value, 1);
                barrier.Wait(TimeSpan.FromSeconds(10));
                Volatile.Write(ref release.Value, 0);
                return double.PositiveInfinity;
            }, gap, "B4");
            cells[variant.Label] = samples;
            result.LatencySamples.Add(($"{variant.Label}, Barrier", [.. samples.Where(double.IsFinite)]));
        }
        table.AddRow("Barrier()", SeedExperiment.LatencyCell(cells["legacy"], cap), SeedExperiment.LatencyCell(cells["FQS"], cap),
            Verdict(context, cells["legacy"], cells["FQS"]));
        return result;
    }

    private static string Verdict(SeedContext context, List<double> legacy, List<double> fqs)
    {
        if (context.IsSmoke)
            return "smoke run: not judged";
        double l = SeedExperiment.Median(legacy) / 1e6, f = SeedExperiment.Median(fqs) / 1e6;
        string legacyPart = l is >= 30 and <= 80
            ? $"Holds for pre-patch (median {l:0.#} ms ≈ the batching delay)"
            : $"Pre-patch median is {l:0.#} ms, outside the expected 0–60 ms batching range";
        string fqsPart = f < 5
            ? $"holds for FQS (median {f:0.###} ms: forced at once, only the kick latency)"
            : $"FQS median is {f:0.#} ms, more than a kick";
        return $"{legacyPart}; {fqsPart}.";
    }
}
