namespace RcuCollections.Benchmarks.Soak;

/// <summary>
/// Reports two counters that must be equal at a quiescent point, as a violation, only when their difference changes
/// (the same mismatch seen again at the next checkpoint is not a new violation).
/// </summary>
public struct Mismatch
{
    private long _reported;

    /// <summary>Compares the counters.</summary>
    /// <param name="log">The verdict log.</param>
    /// <param name="expected">The value the invariant demands.</param>
    /// <param name="actual">The value seen.</param>
    /// <param name="what">What is compared, for the message.</param>
    public void Check(SoakLog log, long expected, long actual, string what)
    {
        ArgumentNullException.ThrowIfNull(log);
        long difference = actual - expected;
        if (difference == _reported)
            return;
        _reported = difference;
        if (difference != 0)
            log.Violation($"{what}: expected {expected}, got {actual}");
    }
}
