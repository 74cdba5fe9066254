using System.Diagnostics;
using RcuCollections.Benchmarks.Engines;
using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine.Seed;

/// <summary>
/// B6 (spec §5): a Synchronize loop (rcutorture's uperf/perf pattern) while readers run short sections back to back.
/// FQS pays its poll quantum whenever a reader is mid-section at the first scan; the third column shows what
/// calling Expedite before each Synchronize changes.
/// </summary>
public sealed class B6SynchronizeWithBusyReaders : ISeedClaim
{
    /// <inheritdoc />
    public string Id => "B6";

    /// <inheritdoc />
    public string Title => "Synchronize loop with busy short-section readers";

    /// <inheritdoc />
    public string Expectation =>
        "pre-patch takes µs to sub-ms (event-driven: it wakes when the last reader leaves); FQS takes ~10 ms whenever a reader is mid-section at the first scan (its poll quantum, a regression for direct callers)";

    /// <inheritdoc />
    public ClaimResult Run(SeedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var table = new MarkdownTable("Reader sections", ">legacy p50 / p99 / max", ">FQS p50 / p99 / max", ">FQS, Expedite() first", "Holds here?");
        var result = new ClaimResult(Id, Title, Expectation,
            $"{context.Readers} reader thread(s) running sections of the given length back to back; one thread calls Synchronize in a loop for {TimeUnits.Format(context.Window.TotalNanoseconds)} per cell; latency of each call.",
            table);
        TimeSpan[] lengths = context.IsSmoke ? [TimeSpan.FromMicroseconds(1)] : [TimeSpan.FromMicroseconds(1), TimeSpan.FromMicroseconds(100)];
        foreach (TimeSpan length in lengths)
        {
            string name = $"~{TimeUnits.Format(length.TotalNanoseconds)}";
            var body = SeedReaders.ShortSections(length);
            List<double> legacy = Loop(context, EngineVariant.Legacy, body, expedite: false, $"B6 {name}");
            List<double> fqs = Loop(context, EngineVariant.Fqs, body, expedite: false, $"B6 {name}");
            List<double> expedited = Loop(context, EngineVariant.Fqs, body, expedite: true, $"B6 {name} expedited");
            result.LatencySamples.Add(($"legacy, {name} sections", legacy));
            result.LatencySamples.Add(($"FQS, {name} sections", fqs));
            result.LatencySamples.Add(($"FQS + Expedite, {name} sections", expedited));
            table.AddRow(name, SeedExperiment.LatencyCell(legacy), SeedExperiment.LatencyCell(fqs), SeedExperiment.LatencyCell(expedited),
                Verdict(context, legacy, fqs, expedited));
        }
        return result;
    }

    private static List<double> Loop(SeedContext context, EngineVariant variant, Action<IRcuEngine, BackgroundThreadControl> body, bool expedite, string label)
    {
        context.Progress.Detail($"{label}, {variant.Label}");
        var samples = new List<double>();
        using IRcuEngine engine = variant.Create();
        using (BackgroundThreadGroup readers = SeedReaders.Start(engine, context.Readers, body))
        {
            engine.Synchronize(); // warm-up
            long end = Stopwatch.GetTimestamp() + (long)(context.Window.TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < end || samples.Count == 0)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                long start = Stopwatch.GetTimestamp();
                if (expedite)
                    engine.Expedite();
                engine.Synchronize();
                samples.Add(TimeUnits.NanosecondsSince(start));
            }
        }
        return samples;
    }

    private static string Verdict(SeedContext context, List<double> legacy, List<double> fqs, List<double> expedited)
    {
        if (context.IsSmoke)
            return "smoke run: not judged";
        double l = SeedExperiment.Median(legacy) / 1e3, f = SeedExperiment.Median(fqs) / 1e3, e = SeedExperiment.Median(expedited) / 1e3;
        double quantised = fqs.Count(s => s >= 9e6) / (double)fqs.Count;
        string regression = f >= 5000
            ? $"Holds: FQS median {f / 1000:0.#} ms against pre-patch {l:0} µs ({quantised * 100:0}% of FQS calls waited ≥ 1 poll)"
            : $"FQS median {f:0} µs against pre-patch {l:0} µs: the poll quantum hit {quantised * 100:0}% of calls only";
        return $"{regression}; Expedite() first brings FQS to {e:0} µs median (forced at once, event-driven like pre-patch).";
    }
}
