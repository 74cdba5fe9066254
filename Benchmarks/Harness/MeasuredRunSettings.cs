namespace RcuCollections.Benchmarks.Harness;

/// <summary>How one run of a multi-threaded measurement is timed.</summary>
/// <param name="Warmup">Time the threads run before the window opens (JIT tiering, caches, steady state).</param>
/// <param name="Duration">The measuring window.</param>
/// <param name="LatencySampleInterval">Take one latency sample every this many operations; 0 = no latency sampling.</param>
public readonly record struct MeasuredRunSettings(TimeSpan Warmup, TimeSpan Duration, int LatencySampleInterval);
