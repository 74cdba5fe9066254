using System.Diagnostics;
using RcuCollections.Benchmarks.Engines;
using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine.Seed;

/// <summary>
/// B6 (docs/design/rcu-algorithms.md §5): a Synchronize loop (rcutorture's uperf/perf pattern) while readers run short
/// sections back to back. FQS pays its poll quantum whenever a reader is mid-section at the first scan; the third
/// column shows what calling Expedite before each Synchronize changes.
/// </summary>
public sealed class B6SynchronizeWithBusyReaders : ISeedClaim
{
    /// <inheritdoc />
    public string Id => "B6";

    /// <inheritdoc />
    public string Title => "Synchronize loop with busy short-section readers";

    /// <inheritdoc />
    public string Expectation =>
        "pre-patch takes µs to sub-ms per update (event-driven: it wakes when the last reader leaves); FQS takes ~10 ms whenever a reader is mid-section at the first scan (its poll quantum, a regression for direct callers)";

    /// <inheritdoc />
    public ClaimResult Run(SeedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var table = new MarkdownTable("Reader sections", ">legacy: mean; p50 / p99 / max", ">FQS: mean; p50 / p99 / max", ">FQS, Expedite() first", "Holds here?");
        var result = new ClaimResult(Id, Title, Expectation,
            $"{context.Readers} reader thread(s) running sections of the given length back to back; one thread calls Synchronize in a loop for {TimeUnits.Format(context.Window.TotalNanoseconds)} per cell; mean time per call (rcutorture's ns/update), then p50 / p99 / max of the calls.",
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
            table.AddRow(name, Cell(legacy), Cell(fqs), Cell(expedited), Verdict(context, legacy, fqs, expedited));
        }
        return result;
    }

    // rcutorture reports ns/update (the mean); the distribution follows. On a loaded machine the median mostly counts the
    // many quick grace periods that run while a descheduled reader sits outside its section.
    private static string Cell(List<double> samples) =>
        $"mean {TimeUnits.Format(samples.Average())}; {SeedExperiment.LatencyCell(samples)}";

    private static List<double> Loop(SeedContext context, EngineVariant variant, Action<IRcuEngine, BackgroundThreadControl> body, bool expedite, string label)
    {
        context.Progress.Detail($"{label}, {variant.Label}");
        var samples = new List<double>();
        using IRcuEngine engine = variant.Create();
        using (BackgroundThreadGroup readers = SeedReaders.Start(engine, context.Readers, body))
        {
            engine.Synchronize(); // warm-up
            long sectionsBefore = readers.TotalCount();
            long loopStart = Stopwatch.GetTimestamp();
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
            double seconds = Stopwatch.GetElapsedTime(loopStart).TotalSeconds;
            context.Progress.WriteLine($"  {label}, {variant.Label}: readers ran {(readers.TotalCount() - sectionsBefore) / seconds:0} sections/s");
        }
        return samples;
    }

    private static string Verdict(SeedContext context, List<double> legacy, List<double> fqs, List<double> expedited)
    {
        if (context.IsSmoke)
            return "smoke run: not judged";
        double l = legacy.Average(), f = fqs.Average(), e = expedited.Average();
        double quantised = fqs.Count(s => s >= 9e6) / (double)fqs.Count;
        string regression = f > 2 * l
            ? $"Holds: FQS takes {TimeUnits.Format(f)} per Synchronize on average against pre-patch's {TimeUnits.Format(l)} ({f / l:0}x; {quantised * 100:0.#}% of FQS calls waited ≥ one 10 ms poll)"
            : $"Does not hold here: FQS averages {TimeUnits.Format(f)} per Synchronize against pre-patch's {TimeUnits.Format(l)}";
        return $"{regression}; Expedite() before each call averages {TimeUnits.Format(e)} (the grace period is forced at once and ends on the reader's exit signal, as pre-patch's does).";
    }
}
