namespace RcuCollections.Benchmarks.Soak;

/// <summary>
/// Reports an expected-versus-actual counter pair only when it gets worse. A world is checked at every checkpoint,
/// and one lost disposal stays lost: without this it would be counted again at each check.
/// </summary>
public struct Discrepancy
{
    private long _worstShortfall;
    private long _worstExcess;

    /// <summary>
    /// Compares the counters. A shortfall (fewer ran than were due) counts as lost callbacks; an excess (more ran than
    /// were due: something ran twice, or ran for an object still in use) as a violation.
    /// </summary>
    /// <param name="log">The verdict log.</param>
    /// <param name="expected">How many were due.</param>
    /// <param name="actual">How many ran.</param>
    /// <param name="what">What the counters count, for the message.</param>
    public void Check(SoakLog log, long expected, long actual, string what)
    {
        ArgumentNullException.ThrowIfNull(log);
        long missing = expected - actual;
        if (missing > _worstShortfall)
        {
            log.Lost(missing - _worstShortfall, $"{what}: {expected} due, {actual} ran ({missing} never ran after Barrier)");
            _worstShortfall = missing;
        }
        else if (-missing > _worstExcess)
        {
            log.Violation($"{what}: {expected} due, {actual} ran ({-missing} more than were due)");
            _worstExcess = -missing;
        }
    }
}
