using System.Diagnostics;
using System.Globalization;
using RcuCollections.Benchmarks.Engines;
using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine.Seed;

/// <summary>
/// B5 (docs/design/rcu-algorithms.md §5, F3): read-side cost in the normal state. Readers run the rperf loop (empty
/// sections back to back) under no grace-period load, a Defer trickle of 200/s in batches of 10 (below the 30 that
/// forces), and a Synchronize loop; both engines in both read flavours. Metrics: ns per read section, slow-path exits
/// per second.
/// </summary>
public sealed class B5ReadSideUnderLoad : ISeedClaim
{
    /// <inheritdoc />
    public string Id => "B5";

    /// <inheritdoc />
    public string Title => "Read-side cost during a steady grace-period load";

    /// <inheritdoc />
    public string Expectation =>
        "pre-patch takes about one slow-path exit per reader per writer scan (waiting is set on every scan); FQS takes none until it forces; with no load both read sides cost the same";

    /// <inheritdoc />
    public ClaimResult Run(SeedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var table = new MarkdownTable("Flavour", "Grace-period load", ">legacy", ">FQS", "Holds here?");
        var result = new ClaimResult(Id, Title, Expectation,
            $"{context.Readers} reader thread(s) running batches of 1000 empty sections (rperf); {TimeUnits.Format(context.Window.TotalNanoseconds)} window per cell after a warm-up; "
            + "cells: ns per read section (readers' thread CPU time over sections, through the engine's own loop, no dispatch per section) ; slow-path exits/s ; grace periods/s ; smp_mb_global/s.",
            table);
        var flavours = new (string Name, EngineVariant Legacy, EngineVariant Fqs)[]
        {
            ("full fence", EngineVariant.Legacy, EngineVariant.FqsFullFence),
            ("asymmetric", EngineVariant.LegacyAsymmetric, EngineVariant.Fqs),
        };
        var loads = new (string Name, Action<IRcuEngine, TimeSpan> Drive)[]
        {
            ("none", (_, window) => Thread.Sleep(window)),
            ("Defer 200/s in batches of 10", DeferTrickle),
            ("Synchronize loop", SynchronizeLoop),
        };
        foreach ((string flavour, EngineVariant legacyVariant, EngineVariant fqsVariant) in flavours)
        {
            foreach ((string load, Action<IRcuEngine, TimeSpan> drive) in loads)
            {
                context.Progress.Detail($"B5 {flavour}, {load}");
                Measurement legacy = Measure(context, legacyVariant, drive);
                Measurement fqs = Measure(context, fqsVariant, drive);
                foreach ((string engine, Measurement m) in new[] { ("legacy", legacy), ("FQS", fqs) })
                {
                    string caseName = $"{flavour}, {load}";
                    result.Figures.Add((caseName, engine, "ns_per_read", m.NanosecondsPerRead));
                    result.Figures.Add((caseName, engine, "slow_path_exits_per_s", m.SlowPathExitsPerSecond));
                    result.Figures.Add((caseName, engine, "grace_periods_per_s", m.GracePeriodsPerSecond));
                    result.Figures.Add((caseName, engine, "global_barriers_per_s", m.GlobalBarriersPerSecond));
                }
                table.AddRow(flavour, load, legacy.ToString(), fqs.ToString(), Verdict(context, load, legacy, fqs));
            }
        }
        return result;
    }

    private static Measurement Measure(SeedContext context, EngineVariant variant, Action<IRcuEngine, TimeSpan> drive)
    {
        using IRcuEngine engine = variant.Create();
        using BackgroundThreadGroup readers = SeedReaders.Start(engine, context.Readers, SeedReaders.ReadPairs);
        Thread.Sleep(context.Pick(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(5)));
        EngineCounters before = engine.GetCounters();
        long readsBefore = readers.TotalCount();
        long cpuBefore = readers.TotalCpuNanoseconds();
        long start = Stopwatch.GetTimestamp();
        drive(engine, context.Window);
        long reads = readers.TotalCount() - readsBefore;
        long cpu = readers.TotalCpuNanoseconds() - cpuBefore;
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        EngineCounters delta = engine.GetCounters() - before;
        readers.Stop(TimeSpan.FromSeconds(10));
        // The readers' own CPU time per section where the OS offers a thread CPU clock: on this shared machine the
        // wall clock would also count the time a reader sat descheduled.
        double nanoseconds = cpu > 0 ? cpu : context.Readers * seconds * 1e9;
        return new Measurement(
            reads > 0 ? nanoseconds / reads : double.NaN,
            (delta.SlowPathExits ?? double.NaN) / seconds,
            delta.GracePeriods / seconds,
            (delta.GlobalBarriers ?? double.NaN) / seconds);
    }

    private static void DeferTrickle(IRcuEngine engine, TimeSpan window)
    {
        Action noop = static () => { };
        long end = Stopwatch.GetTimestamp() + (long)(window.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
            for (int i = 0; i < 10; i++)
                engine.Defer(noop);
            Thread.Sleep(50);
        }
    }

    private static void SynchronizeLoop(IRcuEngine engine, TimeSpan window)
    {
        long end = Stopwatch.GetTimestamp() + (long)(window.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
            engine.Synchronize();
    }

    private static string Verdict(SeedContext context, string load, Measurement legacy, Measurement fqs)
    {
        if (context.IsSmoke)
            return "smoke run: not judged";
        double ratio = legacy.NanosecondsPerRead / fqs.NanosecondsPerRead;
        if (load == "none")
        {
            return ratio is > 0.8 and < 1.25
                ? $"Holds: without grace periods both read sides cost the same (legacy/FQS = {ratio:0.00})."
                : $"Does not hold: without grace periods the read sides differ (legacy/FQS = {ratio:0.00}), which is the ports' record lookup, not the algorithm (the legacy port caches its record in a thread-static; an RcuDomain instance looks it up in a per-thread array).";
        }
        double perGp = legacy.GracePeriodsPerSecond > 0 ? legacy.SlowPathExitsPerSecond / legacy.GracePeriodsPerSecond : double.NaN;
        string legacyPart = perGp >= 0.5 * context.Readers
            ? $"Holds for pre-patch ({legacy.SlowPathExitsPerSecond:0} slow-path exits/s, {perGp:0.00} per grace period with {context.Readers} reader(s))"
            : $"Pre-patch took {legacy.SlowPathExitsPerSecond:0} slow-path exits/s, only {perGp:0.000} per grace period: these empty sections are rarely in flight between the writer's waiting store and its scan, so the per-scan cost the spec expects shows only as {legacy.SlowPathExitsPerSecond:0}/s";
        string fqsPart = fqs.SlowPathExitsPerSecond == 0
            ? $"FQS took none, as claimed (read cost legacy/FQS = {ratio:0.00})"
            : $"FQS took {fqs.SlowPathExitsPerSecond:0} slow-path exits/s (it forced)";
        return $"{legacyPart}; {fqsPart}.";
    }

    private readonly record struct Measurement(double NanosecondsPerRead, double SlowPathExitsPerSecond, double GracePeriodsPerSecond, double GlobalBarriersPerSecond)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{TimeUnits.Format(NanosecondsPerRead)} ; {SlowPathExitsPerSecond:0} slow/s ; {GracePeriodsPerSecond:0} GP/s ; {GlobalBarriersPerSecond:0} mb/s");
    }
}
