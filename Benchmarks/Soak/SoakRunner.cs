using System.Globalization;
using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Soak;

/// <summary>
/// The controller of a soak run: starts the worker slots, pauses them at every checkpoint (each generation turnover
/// and each heap sample), checks both worlds at quiescence, replaces the generational world, samples the heap, and
/// at the end tears everything down and prints the summary.
/// </summary>
public sealed class SoakRunner
{
    private readonly WorkerSlot[] _slots;
    private readonly PaddedCounter[] _operations;
    private readonly HeapSample[] _samples;
    private readonly Random _random;
    private readonly int[] _seen = new int[Math.Max(LedgerMap.KeySpace, NamedMap.KeyCount)];
    private int _sampleCount;
    private int _generations;
    private volatile SoakWorld? _generational;
    private SoakWorld? _persistent;

    /// <summary>Creates a run.</summary>
    /// <param name="settings">Durations and sizes.</param>
    /// <param name="log">Where everything is printed and counted.</param>
    public SoakRunner(SoakSettings settings, SoakLog log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        Settings = settings;
        Log = log;
        _random = new Random(settings.Seed);
        _samples = new HeapSample[(int)(settings.Duration / settings.SampleInterval) + 1];
        int slots = settings.ReaderSlots + settings.WriterSlots + settings.DomainSlots;
        _operations = new PaddedCounter[slots];
        _slots = new WorkerSlot[slots];
        for (int i = 0; i < slots; i++)
        {
            WorkerKind kind = i < settings.ReaderSlots ? WorkerKind.Reader
                : i < settings.ReaderSlots + settings.WriterSlots ? WorkerKind.Writer
                : WorkerKind.Domain;
            _slots[i] = new WorkerSlot(this, kind, i, settings.Seed + 1 + i);
        }
    }

    /// <summary>Gets the settings.</summary>
    public SoakSettings Settings { get; }

    /// <summary>Gets the log.</summary>
    public SoakLog Log { get; }

    /// <summary>Gets the gate that pauses the workers.</summary>
    public SoakGate Gate { get; } = new();

    /// <summary>Gets the world that lives for the whole run.</summary>
    public SoakWorld Persistent => _persistent ?? throw new InvalidOperationException("The run has not started.");

    /// <summary>Gets the current generational world.</summary>
    public SoakWorld Generational => _generational ?? throw new InvalidOperationException("The run has not started.");

    /// <summary>Adds a slot's operations (each slot writes only its own padded counter).</summary>
    /// <param name="slot">The slot's index.</param>
    /// <param name="operations">How many.</param>
    public void AddOperations(int slot, int operations) =>
        Volatile.Write(ref _operations[slot].Value, _operations[slot].Value + operations);

    /// <summary>Runs the soak to the end (or to a hang, or Ctrl+C) and prints the summary.</summary>
    /// <param name="cancellationToken">Ctrl+C.</param>
    /// <returns>The report.</returns>
    public SoakReport Run(CancellationToken cancellationToken)
    {
        TimeSpan timeout = Settings.HangTimeout;
        Log.Line(string.Create(CultureInfo.InvariantCulture,
            $"soak: {Settings.Duration.TotalSeconds:0} s on {Environment.ProcessorCount} cores; {Settings.ReaderSlots} reader, {Settings.WriterSlots} writer and {Settings.DomainSlots} domain slot(s) of short-lived threads; "
            + $"generation turnover every {Settings.GenerationInterval.TotalSeconds:0.#} s, heap sample every {Settings.SampleInterval.TotalSeconds:0} s; any wait over {timeout.TotalSeconds:0} s is a hang"));
        _persistent = new SoakWorld("persistent", Log, timeout, keepsake: true);
        _generational = NewGeneration();
        foreach (WorkerSlot slot in _slots)
            slot.Start();

        bool cancelled = false;
        try
        {
            cancelled = Loop(cancellationToken);
        }
        catch (Exception ex)
        {
            Log.Abort(ex);
        }

        try
        {
            Finish();
        }
        catch (Exception ex)
        {
            Log.Abort(ex);
            Gate.Stop();
        }
        return Report(cancelled);
    }

    /// <summary>The checkpoints until the end of the run; returns whether Ctrl+C ended it.</summary>
    private bool Loop(CancellationToken cancellationToken)
    {
        TimeSpan timeout = Settings.HangTimeout;
        TimeSpan nextSample = Settings.SampleInterval;
        TimeSpan nextTurnover = Settings.GenerationInterval;
        while (!Log.Aborted)
        {
            if (cancellationToken.IsCancellationRequested)
                return true;
            TimeSpan now = Log.Elapsed;
            bool sampleDue = _sampleCount < _samples.Length && now >= nextSample && nextSample <= Settings.Duration;
            bool turnoverDue = now >= nextTurnover && now < Settings.Duration;
            if (!sampleDue && !turnoverDue)
            {
                if (now >= Settings.Duration && (nextSample > Settings.Duration || _sampleCount == _samples.Length))
                    break;
                Thread.Sleep(20);
                continue;
            }

            if (!Gate.Pause(timeout))
            {
                Log.Hang($"the workers did not stop for a checkpoint within {timeout.TotalSeconds:0} s");
                break;
            }
            long pending = Pending();
            if (!Persistent.Checkpoint(_seen) || !Generational.Checkpoint(_seen) || !Turnover())
                break;
            nextTurnover = Log.Elapsed + Settings.GenerationInterval;
            if (sampleDue)
            {
                Sample(pending);
                nextSample += Settings.SampleInterval;
            }
            Gate.Resume();
        }
        return false;
    }

    private SoakWorld NewGeneration()
    {
        int generation = Interlocked.Increment(ref _generations);
        return new SoakWorld("gen-" + generation.ToString(CultureInfo.InvariantCulture), Log, Settings.HangTimeout, keepsake: false);
    }

    /// <summary>Tears the generational world down (workers paused, checkpoint done) and builds the next one.</summary>
    private bool Turnover()
    {
        if (!Generational.TearDown(_random))
            return false;
        _generational = NewGeneration();
        return true;
    }

    private void Sample(long pending)
    {
        // A full, compacting collection with finalizers run, so the figure is what is live, not what is not collected yet.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long heap = GC.GetTotalMemory(forceFullCollection: true);
        Persistent.Grace.Retention.Check(); // the generational world was just replaced: only the persistent one has a history
        double seconds = Math.Round(Log.Elapsed.TotalSeconds);
        _samples[_sampleCount++] = new HeapSample(seconds, heap);
        Log.Line(string.Create(CultureInfo.InvariantCulture,
            $"soak: t={seconds:0} s heap={HeapVerdict.Megabytes(heap)} ops={Operations():N0} pending={pending} violations={Log.Violations} lost={Log.LostCallbacks} generations={_generations} threads={Threads():N0}"));
    }

    /// <summary>Ends the run: stops the workers and tears both worlds down (unless something hung).</summary>
    private void Finish()
    {
        TimeSpan timeout = Settings.HangTimeout;
        if (!Log.Aborted && Gate.Pause(timeout))
        {
            _ = Persistent.Checkpoint(_seen) && Persistent.TearDown(_random)
                && Generational.Checkpoint(_seen) && Generational.TearDown(_random);
        }
        else if (!Log.Aborted)
        {
            Log.Hang($"the workers did not stop at the end within {timeout.TotalSeconds:0} s");
        }
        Gate.Stop();
        if (!Log.Hung)
        {
            foreach (WorkerSlot slot in _slots)
            {
                if (!slot.Join(timeout))
                    Log.Hang($"a {slot.Kind} slot did not stop within {timeout.TotalSeconds:0} s");
            }
        }
    }

    private SoakReport Report(bool cancelled)
    {
        HeapSample[] samples = _samples[.._sampleCount];
        var verdict = HeapVerdict.Evaluate(samples, Settings.Duration);
        var report = new SoakReport(Log.Elapsed, Operations(), Log.Violations, Log.LostCallbacks, samples, verdict,
            _generations, Threads(), Log.Hung, cancelled);
        string series = samples.Length == 0 ? "(none)" : string.Join(" ", samples.Select(s => HeapVerdict.Megabytes(s.Bytes)));
        Log.Line(string.Create(CultureInfo.InvariantCulture, $"soak summary ({report.Elapsed.TotalSeconds:0} s{(report.Hung ? ", ended early by a hang" : Log.Aborted ? ", ended early by a failed check" : "")}{(cancelled ? ", interrupted" : "")}):"));
        Log.Line(string.Create(CultureInfo.InvariantCulture, $"  operations:     {report.Operations:N0} ({report.Threads:N0} burst threads, {report.Generations} generations)"));
        Log.Line(string.Create(CultureInfo.InvariantCulture, $"  violations:     {report.Violations}"));
        Log.Line(string.Create(CultureInfo.InvariantCulture, $"  lost callbacks: {report.LostCallbacks}"));
        Log.Line($"  heap series:    {series} (after a full compacting GC, every {Settings.SampleInterval.TotalSeconds:0} s)");
        Log.Line($"  heap flat:      {verdict.Explanation}");
        Log.Line($"soak: {(report.Passed ? "PASS" : "FAIL")} (exit code {report.ExitCode})");
        return report;
    }

    private long Pending()
    {
        long pending = 0;
        foreach (SoakWorld world in (ReadOnlySpan<SoakWorld>)[Persistent, Generational])
            pending += world.Domain.GetStatistics().CallbacksPending;
        return pending;
    }

    private long Operations()
    {
        long total = 0;
        for (int i = 0; i < _operations.Length; i++)
            total += Volatile.Read(ref _operations[i].Value);
        return total;
    }

    private long Threads()
    {
        long total = 0;
        foreach (WorkerSlot slot in _slots)
            total += slot.Threads;
        return total;
    }
}
