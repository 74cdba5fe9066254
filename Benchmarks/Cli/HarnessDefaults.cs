namespace RcuCollections.Benchmarks.Cli;

/// <summary>The default settings of each command, in one place so the usage text and the code agree.</summary>
public static class HarnessDefaults
{
    /// <summary>Gets the quick table's window per variant and round.</summary>
    public static TimeSpan QuickDuration => TimeSpan.FromMilliseconds(200);

    /// <summary>Gets the quick table's measured rounds.</summary>
    public const int QuickRuns = 5;

    /// <summary>Gets the scaling window.</summary>
    public static TimeSpan ScalingDuration => TimeSpan.FromSeconds(1);

    /// <summary>Gets the scaling warm-up.</summary>
    public static TimeSpan ScalingWarmup => TimeSpan.FromMilliseconds(200);

    /// <summary>Gets the scaling runs per point.</summary>
    public const int ScalingRuns = 3;

    /// <summary>Gets the scaling latency sampling interval.</summary>
    public const int ScalingLatencyInterval = 1024;

    /// <summary>Gets the scaling write fractions.</summary>
    public static IReadOnlyList<double> ScalingWrites { get; } = [0, 0.01];

    /// <summary>Gets the default thread counts: 1..ProcessorCount.</summary>
    public static IReadOnlyList<int> AllThreadCounts => [.. Enumerable.Range(1, Environment.ProcessorCount)];

    /// <summary>Gets the seed claims' default reader count: one core is left for the grace-period side.</summary>
    public static int SeedReaders => Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>Gets the seed claims' samples per latency cell.</summary>
    public const int SeedSamples = 10;

    /// <summary>Gets the seed claims' loop window (B5–B7).</summary>
    public static TimeSpan SeedWindow => TimeSpan.FromSeconds(1);
}
