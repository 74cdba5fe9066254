using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>
/// Runs a scaling worker's batches under <see cref="OperationTimer"/>, so a single-threaded figure comes from the
/// same loop as the multi-threaded one but is timed on the thread's CPU clock. One interface call per batch of
/// 1024 operations; the loop inside the worker is specialised per map.
/// </summary>
/// <param name="worker">The worker, created on the measuring thread.</param>
internal readonly struct WorkerBatch(IScalingWorker worker) : IBatchOperation
{
    /// <inheritdoc />
    public void Run(int count) => worker.Execute(count);
}
