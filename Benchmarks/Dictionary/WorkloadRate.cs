using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>Throughput of a scaling workload for the quick table, in millions of operations per second.</summary>
internal static class WorkloadRate
{
    /// <summary>Gets the clock behind a figure at <paramref name="threads"/> threads, for row notes.</summary>
    /// <param name="threads">The thread count.</param>
    /// <returns>"thread CPU time" or "wall clock".</returns>
    public static string ClockName(int threads) => threads == 1 ? OperationTimer.ClockName : "wall clock";

    /// <summary>Measures <paramref name="workload"/> once.</summary>
    /// <param name="workload">The shared state; each thread gets its own worker.</param>
    /// <param name="threads">
    /// 1: the calling thread, timed on its CPU clock (<see cref="OperationTimer"/>), which a loaded machine distorts
    /// least; more: <see cref="MeasuredThreadGroup"/> (barrier, warm-up of a fifth of the window, wall clock).
    /// </param>
    /// <param name="window">The measuring window.</param>
    /// <param name="cancellationToken">Ends a multi-threaded window early.</param>
    /// <returns>Millions of operations per second.</returns>
    public static double MillionsPerSecond(IScalingWorkload workload, int threads, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        if (threads == 1)
        {
            var batch = new WorkerBatch(workload.CreateWorker(0));
            return 1e3 / OperationTimer.NanosecondsPerOperation(ref batch, window);
        }
        MeasuredRunResult result = MeasuredThreadGroup.Run(
            workload, threads, operationsPerBatch: 256, new MeasuredRunSettings(window / 5, window, LatencySampleInterval: 0), cancellationToken);
        return result.OperationsPerSecond / 1e6;
    }
}
