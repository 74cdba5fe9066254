using System.Diagnostics;
using System.Runtime.CompilerServices;
using RcuCollections.Benchmarks.Engines;
using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine.Seed;

/// <summary>
/// B4 (docs/design/rcu-algorithms.md §5): Barrier (drain_call_rcu) wall time with the B3 spinning reader, from an idle
/// engine, and 100 ms after a lone Defer (when the pre-patch grace period is already asleep waiting for the reader).
/// </summary>
public sealed class B4BarrierLatency : ISeedClaim
{
    /// <inheritdoc />
    public string Id => "B4";

    /// <inheritdoc />
    public string Title => "Barrier latency with a reader spinning until forced";

    /// <inheritdoc />
    public string Expectation =>
        "pre-patch ≈ the batching delay (0–60 ms) plus the kick latency; FQS ≈ the kick latency (+ ≤ 10 ms if polling had already started)";

    /// <inheritdoc />
    public ClaimResult Run(SeedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        TimeSpan cap = context.Pick(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(300));
        TimeSpan gap = context.Pick(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(2));
        TimeSpan afterDefer = context.Pick(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(70));
        var table = new MarkdownTable("Case", ">legacy p50 / p99 / max", ">FQS p50 / p99 / max", "Holds here?");
        var result = new ClaimResult(Id, Title, Expectation,
            $"{context.Readers} reader thread(s) spinning as in B3; {context.Samples} Barrier calls per cell ({Math.Min(context.Samples, 3)} for pre-patch in the second case, where each costs the cap), "
            + $"{TimeUnits.Format(gap.TotalNanoseconds)} apart, each capped at {TimeUnits.Format(cap.TotalNanoseconds)}; wall time of Barrier().",
            table);

        var idle = new Dictionary<string, List<double>>();
        var late = new Dictionary<string, List<double>>();
        foreach (EngineVariant variant in EngineVariant.Both)
        {
            var release = new StrongBox<int>();
            idle[variant.Label] = SeedExperiment.CollectSamples(context, variant, SeedReaders.SpinUntilForced(release),
                engine => TimedBarrier(engine, release, cap), gap, "B4 idle");
            result.LatencySamples.Add(($"{variant.Label}, Barrier from idle", [.. idle[variant.Label].Where(double.IsFinite)]));

            var lateContext = variant == EngineVariant.Legacy
                ? new SeedContext(context.Readers, Math.Min(context.Samples, 3), context.Window, context.IsSmoke, context.Progress, context.CancellationToken)
                : context;
            late[variant.Label] = SeedExperiment.CollectSamples(lateContext, variant, SeedReaders.SpinUntilForced(release), engine =>
            {
                CallbackProbe probe = CallbackProbe.Post(engine);
                Thread.Sleep(afterDefer);
                double ns = TimedBarrier(engine, release, cap);
                probe.Wait(TimeSpan.FromSeconds(10));
                return ns;
            }, gap, "B4 after a Defer");
            result.LatencySamples.Add(($"{variant.Label}, Barrier after a Defer", [.. late[variant.Label].Where(double.IsFinite)]));
        }
        table.AddRow("Barrier() from an idle engine", SeedExperiment.LatencyCell(idle["legacy"], cap), SeedExperiment.LatencyCell(idle["FQS"], cap),
            VerdictIdle(context, idle["legacy"], idle["FQS"]));
        table.AddRow($"Barrier() {TimeUnits.Format(afterDefer.TotalNanoseconds)} after a lone Defer", SeedExperiment.LatencyCell(late["legacy"], cap),
            SeedExperiment.LatencyCell(late["FQS"], cap), VerdictLate(context, late["legacy"], late["FQS"]));
        return result;
    }

    /// <summary>Times one Barrier on a dedicated thread, capped; on a timeout, releases the readers so the engine recovers.</summary>
    private static double TimedBarrier(IRcuEngine engine, StrongBox<int> release, TimeSpan cap)
    {
        long start = Stopwatch.GetTimestamp();
        Task barrier = Task.Factory.StartNew(engine.Barrier, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (barrier.Wait(cap))
            return TimeUnits.NanosecondsSince(start);
        Volatile.Write(ref release.Value, 1);
        barrier.Wait(TimeSpan.FromSeconds(10));
        Volatile.Write(ref release.Value, 0);
        return double.PositiveInfinity;
    }

    private static string VerdictIdle(SeedContext context, List<double> legacy, List<double> fqs)
    {
        if (context.IsSmoke)
            return "smoke run: not judged";
        double l = SeedExperiment.Median(legacy) / 1e6, f = SeedExperiment.Median(fqs) / 1e6;
        string legacyPart = l is >= 30 and <= 80
            ? $"Holds for pre-patch (median {TimeUnits.Format(l * 1e6)} ≈ the batching delay, then the drain kicks)"
            : $"Pre-patch median is {TimeUnits.Format(l * 1e6)}, outside the expected batching range";
        string fqsPart = f < 5
            ? $"holds for FQS (median {TimeUnits.Format(f * 1e6)}: forced at once, only the kick latency)"
            : $"FQS median is {TimeUnits.Format(f * 1e6)}, more than a kick (scheduling on this loaded machine, or a poll boundary)";
        return $"{legacyPart}; {fqsPart}.";
    }

    private static string VerdictLate(SeedContext context, List<double> legacy, List<double> fqs)
    {
        if (context.IsSmoke)
            return "smoke run: not judged";
        double f = SeedExperiment.Median(fqs) / 1e6;
        string legacyPart = SeedExperiment.TimeoutFraction(legacy) == 1
            ? "Pre-patch never returns: its writer already sleeps on the event and checks the drain flag only when a reader leaves (docs/design/rcu-algorithms.md §3.2), so the drain kicks no one"
            : $"Pre-patch returned in {TimeUnits.Format(SeedExperiment.Median(legacy))} median";
        string fqsPart = SeedExperiment.TimeoutFraction(fqs) == 0
            ? $"FQS returns in {TimeUnits.Format(f * 1e6)} median (the Barrier forces the grace period in flight)"
            : "FQS timed out too: does not hold";
        return $"{legacyPart}; {fqsPart}.";
    }
}
