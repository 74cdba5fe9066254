namespace RcuCollections.Benchmarks.Harness;

/// <summary>What a <c>scaling</c> sweep covers and how each point is timed.</summary>
/// <param name="Threads">Thread counts to sweep.</param>
/// <param name="WriteFractions">Read/write mixes to sweep (fraction of writes).</param>
/// <param name="Run">Warm-up, window and latency sampling of each run.</param>
/// <param name="Runs">Repetitions per point (median/min/max are reported).</param>
/// <param name="Filter">Which cases to run.</param>
public sealed record ScalingSettings(
    IReadOnlyList<int> Threads,
    IReadOnlyList<double> WriteFractions,
    MeasuredRunSettings Run,
    int Runs,
    NameFilter Filter);
