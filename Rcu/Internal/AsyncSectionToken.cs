namespace RcuCollections.Internal;

/// <summary>
/// The one object behind an <see cref="RcuAsyncSection"/> and all its copies: it remembers the phase the section was
/// counted in, and lets exactly one Dispose count the exit, so that a copy disposed twice can never unbalance the counts
/// (an extra exit would let a grace period end under a reader that is still inside).
/// </summary>
internal sealed class AsyncSectionToken(RcuDomain domain, int phase)
{
    private int _exited;

    public RcuDomain Domain { get; } = domain;

    public int Phase { get; } = phase;

    /// <summary>Claims the exit; false if it was already claimed (the section was disposed through another copy).</summary>
    public bool TryClaimExit() => Interlocked.Exchange(ref _exited, 1) == 0;
}
