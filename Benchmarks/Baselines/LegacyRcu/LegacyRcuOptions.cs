namespace RcuCollections.Benchmarks.Baselines.LegacyRcu;

/// <summary>
/// Settings of the pre-patch engine port. The defaults are QEMU's constants (docs/design/rcu-algorithms.md §3.4): a
/// 10 ms batching sleep, 5 tries, 30 callbacks, and the default build's full-fence read side (membarrier disabled).
/// </summary>
public sealed record LegacyRcuOptions
{
    /// <summary>
    /// Gets the read-side flavour: <see cref="RcuReadFlavor.FullFence"/> is QEMU's default build (smp_mb on both
    /// sides); <see cref="RcuReadFlavor.Asymmetric"/> is its <c>--enable-membarrier</c> build (compiler barrier on
    /// the read side, a process-wide barrier on the grace-period side).
    /// </summary>
    public RcuReadFlavor ReadFlavor { get; init; } = RcuReadFlavor.FullFence;

    /// <summary>Gets the call_rcu thread's batching sleep (QEMU: g_usleep(10000)).</summary>
    public TimeSpan BatchSleep { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Gets how many batching sleeps the call_rcu thread takes waiting for a full batch (QEMU: 5).</summary>
    public int BatchTries { get; init; } = 5;

    /// <summary>Gets the batch size that ends the batching sleeps at once (QEMU: RCU_CALL_MIN_SIZE = 30).</summary>
    public int MinBatchSize { get; init; } = 30;

    internal void Validate()
    {
        if (!Enum.IsDefined(ReadFlavor))
            throw new ArgumentOutOfRangeException(nameof(ReadFlavor), ReadFlavor, "Unknown read flavour.");
        if (BatchSleep <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(BatchSleep), BatchSleep, "Must be positive.");
        ArgumentOutOfRangeException.ThrowIfNegative(BatchTries);
        ArgumentOutOfRangeException.ThrowIfLessThan(MinBatchSize, 1);
    }
}
