namespace RcuCollections.Benchmarks.Harness;

/// <summary>The outcome of one run of a multi-threaded measurement.</summary>
/// <param name="Threads">Number of measuring threads.</param>
/// <param name="Operations">Operations completed inside the window, all threads.</param>
/// <param name="OperationsPerSecond">Sum of the threads' own rates (each over its own view of the window).</param>
/// <param name="AllocatedBytesPerOperation">Bytes the measuring threads allocated per operation inside the window.</param>
/// <param name="Latency">Sampled per-operation latency, all threads merged; empty when not sampled.</param>
public sealed record MeasuredRunResult(
    int Threads,
    long Operations,
    double OperationsPerSecond,
    double AllocatedBytesPerOperation,
    LatencyHistogram Latency);
