using System.Diagnostics;
using RcuCollections.Benchmarks.Engine.Operations;
using RcuCollections.Benchmarks.Engine.Seed;
using RcuCollections.Benchmarks.Engines;
using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Quick;

/// <summary>
/// The engine's headline rows: read-side cost against <see cref="ReaderWriterLockSlim"/> and <c>lock</c>, instance
/// against default domain, and grace-period latency (Synchronize and a lone Defer with quiescent readers) against
/// the pre-patch port, each baseline measured in the same run (interleaved rounds for the read side).
/// </summary>
public sealed class EngineQuickSuite : IQuickSuite
{
    private const string ComponentName = "Engine";
    private const int IdleReaders = 2;

    /// <inheritdoc />
    public string Component => ComponentName;

    /// <inheritdoc />
    public int Order => -100; // the foundation comes first

    /// <inheritdoc />
    public IReadOnlyList<QuickRow> Run(QuickSuiteContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rows = new List<QuickRow>();
        rows.AddRange(ReadSideRows(context));
        rows.AddRange(AsyncSectionRows(context));
        rows.AddRange(GracePeriodRows(context));
        return rows;
    }

    private static IEnumerable<QuickRow> AsyncSectionRows(QuickSuiteContext context)
    {
        context.Progress.Detail("async sections");
        using var domain = new RcuDomain(new RcuOptions { Name = "quick-async" });
        using var rwls = new ReaderWriterLockSlim(LockRecursionPolicy.NoRecursion);
        var measurement = new InterleavedMeasurement();
        measurement.Add("async-1", d => Time(new AsyncSection(domain), d));
        measurement.Add("async-2", d => PerThread(2, () => Time(new AsyncSection(domain), d)));
        measurement.Add("rwls", d => Time(new ReaderWriterLockSlimReadSection(rwls), d));
        IReadOnlyDictionary<string, RunStatistics> ns = measurement.Run(context.MeasurementDuration, context.Runs, context.Progress, context.CancellationToken);
        double one = ns["async-1"].Median, two = ns["async-2"].Median, rw = ns["rwls"].Median;
        string note = $"median of {context.Runs} interleaved rounds, {OperationTimer.ClockName}";
        yield return new QuickRow(ComponentName, "EnterAsyncSection+Dispose, 1 thread", one, "ns",
            "ReaderWriterLockSlim Enter/ExitReadLock", rw, LowerIsBetter: true, "≤ 20 ns")
        { TargetMet = context.IsSmoke ? null : one <= 20, Note = note };
        yield return new QuickRow(ComponentName, "EnterAsyncSection+Dispose, 2 threads (per thread)", two, "ns",
            "the same, 1 thread", one, LowerIsBetter: true, "no slower per thread (≤ 1.1x)")
        { TargetMet = context.IsSmoke ? null : two <= 1.1 * one, Note = note + "; mean of the two threads' own CPU time per section" };
    }

    /// <summary>Runs <paramref name="measure"/> on <paramref name="threads"/> threads at once and returns the mean of their results.</summary>
    private static double PerThread(int threads, Func<double> measure)
    {
        var results = new double[threads];
        using var start = new Barrier(threads);
        Thread[] workers = Enumerable.Range(0, threads).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            results[i] = measure();
        })).ToArray();
        foreach (Thread t in workers) t.Start();
        foreach (Thread t in workers) t.Join();
        return results.Average();
    }

    private static IEnumerable<QuickRow> ReadSideRows(QuickSuiteContext context)
    {
        context.Progress.Detail("read side");
        using var instance = new RcuDomain(new RcuOptions { Name = "quick-instance" });
        using var fullFence = new RcuDomain(new RcuOptions { Name = "quick-full-fence", ReadFlavor = RcuReadFlavor.FullFence });
        using var rwls = new ReaderWriterLockSlim(LockRecursionPolicy.NoRecursion);
        object gate = new();

        var measurement = new InterleavedMeasurement();
        measurement.Add("handle", d => Time(new ThreadReaderSection(RcuDomain.Default), d));
        measurement.Add("default", d => Time(new DefaultDomainReadSection(), d));
        measurement.Add("instance", d => Time(new DomainReadSection(instance), d));
        measurement.Add("full-fence", d => Time(new DomainReadSection(fullFence), d));
        measurement.Add("rwls", d => Time(new ReaderWriterLockSlimReadSection(rwls), d));
        measurement.Add("lock", d => Time(new MonitorSection(gate), d));
        IReadOnlyDictionary<string, RunStatistics> ns = measurement.Run(context.MeasurementDuration, context.Runs, context.Progress, context.CancellationToken);

        double handle = ns["handle"].Median, def = ns["default"].Median, inst = ns["instance"].Median, ff = ns["full-fence"].Median;
        double rw = ns["rwls"].Median, mon = ns["lock"].Median;
        string note = $"median of {context.Runs} interleaved rounds, {OperationTimer.ClockName}";
        bool? Judge(bool met) => context.IsSmoke ? null : met;
        yield return new QuickRow(ComponentName, "RcuThreadReader.ReadLock+Dispose, Default (asymmetric)", handle, "ns",
            "ReaderWriterLockSlim Enter/ExitReadLock", rw, LowerIsBetter: true, "≤ 2 ns and ≥ 10x")
        { TargetMet = Judge(handle <= 2 && rw / handle >= 10), Note = note };
        yield return new QuickRow(ComponentName, "RcuThreadReader.ReadLock+Dispose, Default (asymmetric)", handle, "ns",
            "lock (Monitor) enter/exit", mon, LowerIsBetter: true, "")
        { Note = note };
        yield return new QuickRow(ComponentName, "ReadLock+Dispose, RcuDomain.Default (asymmetric)", def, "ns",
            "ReaderWriterLockSlim Enter/ExitReadLock", rw, LowerIsBetter: true, "≤ 4.5 ns and ≥ 3.5x")
        { TargetMet = Judge(def <= 4.5 && rw / def >= 3.5), Note = note };
        yield return new QuickRow(ComponentName, "ReadLock+Dispose, RcuDomain.Default (asymmetric)", def, "ns",
            "lock (Monitor) enter/exit", mon, LowerIsBetter: true, "")
        { Note = note };
        yield return new QuickRow(ComponentName, "ReadLock+Dispose, instance domain (asymmetric)", inst, "ns",
            "RcuDomain.Default", def, LowerIsBetter: true, "within 1.5x of Default")
        { TargetMet = Judge(inst <= 1.5 * def), Note = note };
        yield return new QuickRow(ComponentName, "ReadLock+Dispose, instance domain (full fence)", ff, "ns",
            "ReaderWriterLockSlim Enter/ExitReadLock", rw, LowerIsBetter: true, "")
        { Note = note };
    }

    private static IEnumerable<QuickRow> GracePeriodRows(QuickSuiteContext context)
    {
        // Synchronize with quiescent (registered, idle) readers: FQS and the pre-patch port, interleaved rounds.
        using var fqs = new RcuDomainEngine(new RcuOptions { Name = "quick-gp" });
        // The pre-patch port in the same (asymmetric) flavour, so the ratio compares the algorithms, not the fences.
        using var legacy = new Baselines.LegacyRcu.LegacyRcuDomain(new Baselines.LegacyRcu.LegacyRcuOptions { ReadFlavor = RcuReadFlavor.Asymmetric });
        using var fqsReaders = SeedReaders.Start(fqs, IdleReaders, SeedReaders.Idle);
        using var legacyReaders = SeedReaders.Start(legacy, IdleReaders, SeedReaders.Idle);
        context.Progress.Detail("Synchronize, quiescent readers");
        var sync = new InterleavedMeasurement();
        sync.Add("fqs", d => MedianSynchronize(fqs, d));
        sync.Add("legacy", d => MedianSynchronize(legacy, d));
        IReadOnlyDictionary<string, RunStatistics> syncNs = sync.Run(context.MeasurementDuration, context.Runs, context.Progress, context.CancellationToken);
        double fqsSync = syncNs["fqs"].Median, legacySync = syncNs["legacy"].Median;
        yield return new QuickRow(ComponentName, $"Synchronize, {IdleReaders} quiescent readers (FQS)", fqsSync, "ns",
            "pre-patch port, same readers and flavour", legacySync, LowerIsBetter: true, "< 100 µs median")
        { TargetMet = context.IsSmoke ? null : fqsSync < 100_000, Note = $"median of per-call medians, {context.Runs} rounds" };

        // Nobody registered: the grace period needs neither barrier nor scan (docs/rcu-engine.md, "No readers, no barriers").
        using var empty = new RcuDomainEngine(new RcuOptions { Name = "quick-gp-empty" });
        using var legacyEmpty = new Baselines.LegacyRcu.LegacyRcuDomain(new Baselines.LegacyRcu.LegacyRcuOptions { ReadFlavor = RcuReadFlavor.Asymmetric });
        context.Progress.Detail("Synchronize, no registered readers");
        var none = new InterleavedMeasurement();
        none.Add("fqs", d => MedianSynchronize(empty, d));
        none.Add("legacy", d => MedianSynchronize(legacyEmpty, d));
        IReadOnlyDictionary<string, RunStatistics> noneNs = none.Run(context.MeasurementDuration, context.Runs, context.Progress, context.CancellationToken);
        double emptySync = noneNs["fqs"].Median;
        yield return new QuickRow(ComponentName, "Synchronize, no registered readers (FQS)", emptySync, "ns",
            "pre-patch port, same", noneNs["legacy"].Median, LowerIsBetter: true, "≤ 1 µs median")
        { TargetMet = context.IsSmoke ? null : emptySync <= 1_000, Note = $"median of per-call medians, {context.Runs} rounds" };

        // A lone Defer: the pre-patch call_rcu thread batches ~50 ms first; FQS starts the grace period at once.
        context.Progress.Detail("lone Defer latency");
        int samples = context.Samples(normal: 8, smoke: 1);
        var fqsDefer = new List<double>();
        var legacyDefer = new List<double>();
        for (int i = 0; i <= samples; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            double f = LoneDefer(fqs), l = LoneDefer(legacy);
            if (i == 0)
                continue; // warm-up
            fqsDefer.Add(f);
            legacyDefer.Add(l);
        }
        double fqsMedian = RunStatistics.Of(fqsDefer).Median, legacyMedian = RunStatistics.Of(legacyDefer).Median;
        yield return new QuickRow(ComponentName, $"Lone Defer → callback, {IdleReaders} quiescent readers (FQS)", fqsMedian, "ns",
            "pre-patch port (≈ 50 ms batching)", legacyMedian, LowerIsBetter: true, "≪ 1 ms")
        { TargetMet = context.IsSmoke ? null : fqsMedian < 1_000_000, Note = $"median of {samples} samples" };
    }

    private static double Time<TOperation>(TOperation operation, TimeSpan duration) where TOperation : struct, IBatchOperation =>
        OperationTimer.NanosecondsPerOperation(ref operation, duration);

    private static double MedianSynchronize(IRcuEngine engine, TimeSpan duration)
    {
        var samples = new List<double>();
        long end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        do
        {
            long start = Stopwatch.GetTimestamp();
            engine.Synchronize();
            samples.Add(TimeUnits.NanosecondsSince(start));
        }
        while (Stopwatch.GetTimestamp() < end);
        return RunStatistics.Of(samples).Median;
    }

    private static double LoneDefer(IRcuEngine engine)
    {
        CallbackProbe probe = CallbackProbe.Post(engine);
        return probe.Wait(TimeSpan.FromSeconds(5)) ? probe.LastNanoseconds : double.NaN;
    }
}
