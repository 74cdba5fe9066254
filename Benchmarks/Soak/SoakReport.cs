namespace RcuCollections.Benchmarks.Soak;

/// <summary>What a soak run found.</summary>
/// <param name="Elapsed">How long it ran.</param>
/// <param name="Operations">Operations done by all workers.</param>
/// <param name="Violations">Broken invariants (hangs included).</param>
/// <param name="LostCallbacks">Callbacks, disposals and owner releases that were due and never ran.</param>
/// <param name="HeapSamples">The heap series (every sample interval).</param>
/// <param name="Heap">The heap verdict.</param>
/// <param name="Generations">How many generational worlds were created.</param>
/// <param name="Threads">How many burst threads were started.</param>
/// <param name="Hung">Whether a wait timed out (the run ended early).</param>
/// <param name="Cancelled">Whether Ctrl+C ended the run early.</param>
public sealed record SoakReport(
    TimeSpan Elapsed,
    long Operations,
    long Violations,
    long LostCallbacks,
    IReadOnlyList<HeapSample> HeapSamples,
    HeapVerdict Heap,
    int Generations,
    long Threads,
    bool Hung,
    bool Cancelled)
{
    /// <summary>Gets whether the run passed: no violation, no lost callback, a flat heap.</summary>
    public bool Passed => Violations == 0 && LostCallbacks == 0 && Heap.Flat && !Cancelled;

    /// <summary>Gets the process exit code: 0 when passed, 1 otherwise (130 when interrupted, as every command).</summary>
    public int ExitCode => Cancelled ? 130 : Passed ? 0 : 1;
}
