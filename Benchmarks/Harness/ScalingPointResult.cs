namespace RcuCollections.Benchmarks.Harness;

/// <summary>The result of one point of a sweep: one case at one thread count and mix, over all its runs.</summary>
/// <param name="CaseName">The case.</param>
/// <param name="Group">The case's chart group.</param>
/// <param name="Threads">Thread count.</param>
/// <param name="WriteFraction">Fraction of writes.</param>
/// <param name="Throughput">Operations per second over the runs.</param>
/// <param name="AllocatedBytesPerOperation">Median over the runs of the bytes allocated per operation.</param>
/// <param name="Latency">Sampled latencies of all runs merged (empty when not sampled).</param>
public sealed record ScalingPointResult(
    string CaseName,
    string Group,
    int Threads,
    double WriteFraction,
    RunStatistics Throughput,
    double AllocatedBytesPerOperation,
    LatencyHistogram Latency)
{
    /// <summary>Gets the median time one thread spends per operation, in nanoseconds (threads / throughput).</summary>
    public double NanosecondsPerOperationPerThread => Throughput.Median > 0 ? Threads * 1e9 / Throughput.Median : double.NaN;
}
