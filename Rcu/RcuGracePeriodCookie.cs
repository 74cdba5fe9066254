namespace RcuCollections;

/// <summary>
/// Identifies a grace period that must complete before something retired earlier is safe to reclaim.
/// Obtained from <see cref="RcuDomain.StartGracePeriodPoll"/> and tested, without blocking, with
/// <see cref="RcuDomain.IsGracePeriodCompleted"/> (liburcu's start_poll / poll_state).
/// </summary>
/// <param name="Sequence">The number of the grace period (counted from 1) whose completion the cookie waits for.</param>
public readonly record struct RcuGracePeriodCookie(long Sequence);
