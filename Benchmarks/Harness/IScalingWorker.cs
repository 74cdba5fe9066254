namespace RcuCollections.Benchmarks.Harness;

/// <summary>
/// One thread's view of a scaling workload. The harness calls <see cref="Execute"/> with a batch size, so the
/// per-operation loop stays inside the worker (no interface call per operation); for a latency sample it calls
/// it with 1, bracketed by timestamps.
/// </summary>
public interface IScalingWorker
{
    /// <summary>Runs <paramref name="operations"/> operations, each a read or a write as the mix dictates.</summary>
    /// <param name="operations">How many operations to run; at least 1.</param>
    void Execute(int operations);
}
