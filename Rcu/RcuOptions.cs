namespace RcuCollections;

/// <summary>
/// Tuning knobs of an <see cref="RcuDomain"/>. The defaults are those of QEMU's force-quiescent-state
/// engine: poll every 10 ms, force after 5 polls or once 30 callbacks are pending.
/// </summary>
public sealed record RcuOptions
{
    /// <summary>Gets the interval between two scans of the readers in the normal (polling) state. Default 10 ms.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Gets the number of polls after which a grace period enters the forced state. Default 5.</summary>
    public int PollsBeforeForce { get; init; } = 5;

    /// <summary>Gets the number of pending callbacks at which a grace period is forced at once. Default 30.</summary>
    public int ForceAtPendingCallbacks { get; init; } = 30;

    /// <summary>
    /// Gets the number of pending callbacks past which <see cref="RcuDomain.Defer(Action)"/> blocks the caller
    /// (outside read sections and off the callback thread) until the callback thread catches up. Default 1,000,000.
    /// </summary>
    public int MaxPendingCallbacks { get; init; } = 1_000_000;

    /// <summary>Gets the read-side ordering flavour. Default <see cref="RcuReadFlavor.Asymmetric"/>.</summary>
    public RcuReadFlavor ReadFlavor { get; init; } = RcuReadFlavor.Asymmetric;

    /// <summary>
    /// Gets how long a grace period may wait for one reader before <see cref="RcuDomain.ReaderStalled"/> is
    /// raised for it. Default 10 seconds; <see cref="Timeout.InfiniteTimeSpan"/> disables the warning.
    /// </summary>
    public TimeSpan StallWarningThreshold { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets a name for diagnostics (thread names, metric tags). Default "rcu".</summary>
    public string Name { get; init; } = "rcu";

    /// <summary>
    /// Test hook: the initial grace-period counter (odd, advanced by 2 per grace period). Lets a test start near
    /// 2^32 to prove that snapshots are full 64-bit values (QEMU truncates them to 32 bits).
    /// </summary>
    internal long InitialCounter { get; init; } = 1;

    internal void Validate()
    {
        if (PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromMinutes(1))
            throw new ArgumentOutOfRangeException(nameof(PollInterval), PollInterval, "The poll interval must be positive and at most one minute.");
        if (PollsBeforeForce < 0)
            throw new ArgumentOutOfRangeException(nameof(PollsBeforeForce), PollsBeforeForce, "Must not be negative.");
        if (ForceAtPendingCallbacks < 1)
            throw new ArgumentOutOfRangeException(nameof(ForceAtPendingCallbacks), ForceAtPendingCallbacks, "Must be at least 1.");
        if (MaxPendingCallbacks < ForceAtPendingCallbacks)
            throw new ArgumentOutOfRangeException(nameof(MaxPendingCallbacks), MaxPendingCallbacks, "Must be at least ForceAtPendingCallbacks.");
        if (!Enum.IsDefined(ReadFlavor))
            throw new ArgumentOutOfRangeException(nameof(ReadFlavor), ReadFlavor, "Unknown read flavour.");
        if (StallWarningThreshold <= TimeSpan.Zero && StallWarningThreshold != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(StallWarningThreshold), StallWarningThreshold, "Must be positive or infinite.");
        ArgumentNullException.ThrowIfNull(Name);
        if (InitialCounter <= 0 || (InitialCounter & 1) == 0)
            throw new ArgumentOutOfRangeException(nameof(InitialCounter), InitialCounter, "Must be positive and odd.");
    }
}
