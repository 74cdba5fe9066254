using System.Diagnostics;
using System.Globalization;
using RcuCollections.Benchmarks.Engines;
using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine.Seed;

/// <summary>
/// B7 (docs/design/rcu-algorithms.md §5): overhead under a trickle of 10, 100 and 1000 callbacks per second, with
/// readers running ~1 µs sections that have a (side-effect-free) force callback registered. Per second: grace periods,
/// smp_mb_global calls, force callbacks, slow-path exits; and the callbacks' latency.
/// </summary>
public sealed class B7TrickleOverhead : ISeedClaim
{
    /// <inheritdoc />
    public string Id => "B7";

    /// <inheritdoc />
    public string Title => "Overhead under a trickle of callbacks";

    /// <inheritdoc />
    public string Expectation =>
        "FQS runs more grace periods than pre-patch under a trickle (no batching delay; pre-patch batches at ≤ ~100/s, ~1 per 50 ms at low rates); pre-patch kicks no notifier (no drain); FQS kicks only in forced grace periods";

    /// <inheritdoc />
    public ClaimResult Run(SeedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        TimeSpan window = context.Pick(context.Window * 2, context.Window);
        var table = new MarkdownTable(">Callbacks/s", ">legacy", ">FQS", "Holds here?");
        var result = new ClaimResult(Id, Title, Expectation,
            $"{context.Readers} reader thread(s) running ~1 µs sections back to back, each with a force callback that only raises a flag; one thread posts callbacks at the given rate for {TimeUnits.Format(window.TotalNanoseconds)}; "
            + "cells: grace periods/s ; smp_mb_global/s ; force callbacks/s ; slow-path exits/s ; callback latency p50 / max.",
            table);
        foreach (int rate in context.IsSmoke ? [100] : new[] { 10, 100, 1000 })
        {
            var cells = new Dictionary<string, Measurement>();
            foreach (EngineVariant variant in EngineVariant.Both)
            {
                context.Progress.Detail($"B7 {rate}/s, {variant.Label}");
                Measurement m = Measure(context, variant, rate, window);
                cells[variant.Label] = m;
                result.LatencySamples.Add(($"{variant.Label}, {rate}/s", m.Latencies));
                string caseName = $"{rate}/s";
                result.Figures.Add((caseName, variant.Label, "grace_periods_per_s", m.Counters.GracePeriods / m.Seconds));
                result.Figures.Add((caseName, variant.Label, "global_barriers_per_s", (m.Counters.GlobalBarriers ?? double.NaN) / m.Seconds));
                result.Figures.Add((caseName, variant.Label, "force_callbacks_per_s", m.Counters.ForceCallbacksInvoked / m.Seconds));
                result.Figures.Add((caseName, variant.Label, "slow_path_exits_per_s", (m.Counters.SlowPathExits ?? double.NaN) / m.Seconds));
            }
            table.AddRow(rate.ToString(CultureInfo.InvariantCulture), cells["legacy"].ToString(), cells["FQS"].ToString(),
                Verdict(context, rate, cells["legacy"], cells["FQS"]));
        }
        return result;
    }

    private static Measurement Measure(SeedContext context, EngineVariant variant, int rate, TimeSpan window)
    {
        var latencies = new List<double>();
        var gate = new object();
        using IRcuEngine engine = variant.Create();
        EngineCounters delta;
        double seconds;
        using (BackgroundThreadGroup readers = SeedReaders.Start(engine, context.Readers, SeedReaders.ShortSections(TimeSpan.FromMicroseconds(1))))
        {
            Thread.Sleep(context.Pick(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(5)));
            EngineCounters before = engine.GetCounters();
            long start = Stopwatch.GetTimestamp();
            long end = start + (long)(window.TotalSeconds * Stopwatch.Frequency);
            long posted = 0;
            while (true)
            {
                long now = Stopwatch.GetTimestamp();
                if (now >= end)
                    break;
                // Post every callback that is due by now, so the rate holds although Sleep(1) oversleeps.
                long due = (long)((now - start) / (double)Stopwatch.Frequency * rate) + 1;
                for (; posted < due; posted++)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    engine.Defer(() =>
                    {
                        double ns = TimeUnits.NanosecondsSince(t0);
                        lock (gate)
                            latencies.Add(ns);
                    });
                }
                Thread.Sleep(1);
            }
            seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            delta = engine.GetCounters() - before;
            engine.Barrier(); // let the last callbacks record their latency (outside the counted window)
        }
        lock (gate)
            return new Measurement(delta, seconds, [.. latencies]);
    }

    private static string Verdict(SeedContext context, int rate, Measurement legacy, Measurement fqs)
    {
        if (context.IsSmoke)
            return "smoke run: not judged";
        double lg = legacy.Counters.GracePeriods / legacy.Seconds, fg = fqs.Counters.GracePeriods / fqs.Seconds;
        double lf = legacy.Counters.ForceCallbacksInvoked / legacy.Seconds, ff = fqs.Counters.ForceCallbacksInvoked / fqs.Seconds;
        // Below ~20/s the callbacks are further apart than pre-patch's ~50 ms batching window: both engines then run
        // one grace period per callback, and the claim has nothing to show.
        string gps = fg > lg * 1.1
            ? $"Holds: FQS ran {fg:0} grace periods/s against pre-patch's {lg:0} ({fg / Math.Max(lg, 1e-9):0.#}x)"
            : rate <= 20 && lg >= 0.8 * rate
                ? $"Nothing to show at this rate: both ran about one grace period per callback ({lg:0.#} and {fg:0.#}/s; the callbacks are further apart than pre-patch's ~50 ms batching)"
                : $"Does not hold: FQS ran {fg:0.#} grace periods/s, pre-patch {lg:0.#}";
        string kicks = lf == 0
            ? $"pre-patch kicked no notifier and FQS {ff:0.#}/s ({fqs.Counters.ForcedGracePeriods} forced grace periods)"
            : $"pre-patch kicked {lf:0.#} notifiers/s (unexpected without a drain), FQS {ff:0.#}/s";
        return $"{gps} at {rate}/s; {kicks}.";
    }

    private sealed record Measurement(EngineCounters Counters, double Seconds, List<double> Latencies)
    {
        public override string ToString()
        {
            LatencySummary l = LatencySummary.FromSamples(Latencies);
            string Rate(long? value) => value is { } v ? (v / Seconds).ToString("0.#", CultureInfo.InvariantCulture) : "not counted";
            return $"{Rate(Counters.GracePeriods)} GP/s ; {Rate(Counters.GlobalBarriers)} mb/s ; {Rate(Counters.ForceCallbacksInvoked)} force cb/s ; "
                + $"{Rate(Counters.SlowPathExits)} slow/s ; latency {TimeUnits.Format(l.P50)} / {TimeUnits.Format(l.Max)}";
        }
    }
}
