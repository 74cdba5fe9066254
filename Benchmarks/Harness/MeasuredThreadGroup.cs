using System.Diagnostics;

namespace RcuCollections.Benchmarks.Harness;

/// <summary>
/// Runs one multi-threaded measurement: dedicated threads (not the pool), each creating its worker, all released
/// together by a barrier; a warm-up; then a fixed window whose opening and closing each thread notices at its next
/// batch boundary and records in its own padded counters (operations, timestamp, allocated bytes), so no thread
/// ever writes a line another thread writes.
/// </summary>
public static class MeasuredThreadGroup
{
    private const int PhaseWarmup = 0;
    private const int PhaseMeasure = 1;
    private const int PhaseStop = 2;

    /// <summary>Runs <paramref name="threads"/> threads over <paramref name="workload"/> and measures them.</summary>
    /// <param name="workload">Hands each thread its worker.</param>
    /// <param name="threads">Number of measuring threads; at least 1.</param>
    /// <param name="operationsPerBatch">Operations between two checks of the window.</param>
    /// <param name="settings">Warm-up, window and latency sampling.</param>
    /// <param name="cancellationToken">Ends the warm-up or window early (the result then covers less time).</param>
    /// <returns>The run's result.</returns>
    /// <exception cref="AggregateException">A worker threw; the run is abandoned.</exception>
    public static MeasuredRunResult Run(
        IScalingWorkload workload, int threads, int operationsPerBatch, MeasuredRunSettings settings,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(operationsPerBatch, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(settings.LatencySampleInterval);

        var state = new SharedState(threads);
        var histograms = new LatencyHistogram[threads];
        var failures = new Exception?[threads];
        var workers = new Thread[threads];
        int sampleInterval = settings.LatencySampleInterval;
        int batch = sampleInterval > 0 ? sampleInterval : operationsPerBatch;

        for (int i = 0; i < threads; i++)
        {
            int index = i;
            histograms[i] = new LatencyHistogram();
            workers[i] = new Thread(() =>
            {
                try
                {
                    RunWorker(workload, index, batch, sampleInterval > 0, state, histograms[index]);
                }
                catch (Exception ex)
                {
                    failures[index] = ex;
                    state.Fail();
                }
            })
            {
                IsBackground = true,
                Name = $"bench-worker-{i}",
            };
            workers[i].Start();
        }

        // Every worker has created its worker object (registration, thread-local set-up) before anyone starts.
        state.StartBarrier.SignalAndWait(cancellationToken);
        WaitOrCancel(settings.Warmup, state, cancellationToken);
        // Release store: the phase change is all the workers need to see; each records its own counters.
        Volatile.Write(ref state.Phase, PhaseMeasure);
        WaitOrCancel(settings.Duration, state, cancellationToken);
        Volatile.Write(ref state.Phase, PhaseStop);
        foreach (Thread worker in workers)
            worker.Join();

        Exception[] errors = [.. failures.OfType<Exception>()];
        if (errors.Length > 0)
            throw new AggregateException("A benchmark worker failed.", errors);

        long operations = 0, allocated = 0;
        double rate = 0;
        var merged = new LatencyHistogram();
        for (int i = 0; i < threads; i++)
        {
            ref ThreadCounters c = ref state.Counters[i];
            operations += c.Operations;
            allocated += c.AllocatedBytes;
            if (c.ElapsedTicks > 0)
                rate += c.Operations * (double)Stopwatch.Frequency / c.ElapsedTicks;
            merged.Merge(histograms[i]);
        }
        double bytesPerOp = operations > 0 ? (double)allocated / operations : double.NaN;
        return new MeasuredRunResult(threads, operations, rate, bytesPerOp, merged);
    }

    private static void RunWorker(
        IScalingWorkload workload, int index, int batch, bool sampleLatency, SharedState state, LatencyHistogram histogram)
    {
        IScalingWorker worker;
        try
        {
            worker = workload.CreateWorker(index);
        }
        finally
        {
            // Even a failing worker must arrive, or the controller and the other workers would wait forever.
            state.StartBarrier.SignalAndWait();
        }

        ref ThreadCounters counters = ref state.Counters[index];
        long done = 0;
        int seenPhase = PhaseWarmup;
        bool measuring = false;
        while (true)
        {
            // Acquire load, pairs with the controller's Volatile.Write of the phase.
            int phase = Volatile.Read(ref state.Phase);
            if (phase != seenPhase)
            {
                if (phase >= PhaseMeasure && seenPhase == PhaseWarmup)
                {
                    counters.StartOperations = done;
                    counters.StartAllocatedBytes = GC.GetAllocatedBytesForCurrentThread();
                    counters.StartTimestamp = Stopwatch.GetTimestamp();
                    measuring = true;
                }
                if (phase == PhaseStop)
                {
                    counters.EndTimestamp = Stopwatch.GetTimestamp();
                    counters.EndAllocatedBytes = GC.GetAllocatedBytesForCurrentThread();
                    counters.EndOperations = done;
                    return;
                }
                seenPhase = phase;
            }

            if (measuring && sampleLatency)
            {
                // One timed operation per batch keeps the timestamp cost (~20 ns) off the other batch - 1.
                long t0 = Stopwatch.GetTimestamp();
                worker.Execute(1);
                histogram.RecordTicks(Stopwatch.GetTimestamp() - t0);
                if (batch > 1)
                    worker.Execute(batch - 1);
            }
            else
            {
                worker.Execute(batch);
            }
            done += batch;
        }
    }

    private static void WaitOrCancel(TimeSpan time, SharedState state, CancellationToken cancellationToken)
    {
        if (time <= TimeSpan.Zero)
            return;
        // Wakes early on cancellation or when a worker fails (no point measuring a broken run).
        WaitHandle.WaitAny([cancellationToken.WaitHandle, state.Failed.WaitHandle], time);
    }

    private sealed class SharedState(int threads)
    {
        public readonly Barrier StartBarrier = new(threads + 1);
        public readonly ThreadCounters[] Counters = new ThreadCounters[threads];
        public readonly ManualResetEventSlim Failed = new(false);
        public int Phase = PhaseWarmup;

        public void Fail()
        {
            Failed.Set();
            Volatile.Write(ref Phase, PhaseStop);
        }
    }
}
