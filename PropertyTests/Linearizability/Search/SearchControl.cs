using System.Diagnostics;

namespace RcuCollections.Linearizability.Search;

/// <summary>
/// Shared by the searches of one check: the deadline, and the stop request raised when one partition is found illegal
/// (the others need not finish) or when the deadline passes.
/// </summary>
internal sealed class SearchControl
{
    private readonly long _deadline;
    private int _stopReason; // StopReason; written with Interlocked, read with Volatile (pairs with RequestStop).

    /// <summary>Creates a control with an optional timeout from now.</summary>
    /// <param name="timeout">The timeout, or <see langword="null"/> for none.</param>
    public SearchControl(TimeSpan? timeout)
    {
        _deadline = timeout is { } limit && limit != Timeout.InfiniteTimeSpan
            ? SaturatingAdd(Stopwatch.GetTimestamp(), (long)(limit.TotalSeconds * Stopwatch.Frequency))
            : long.MaxValue;
    }

    /// <summary>Why the searches were asked to stop.</summary>
    public StopReason Reason => (StopReason)Volatile.Read(ref _stopReason);

    /// <summary>
    /// Polled by the searches every few thousand steps: whether to give up now, because another partition is illegal or
    /// the deadline has passed (which this call records).
    /// </summary>
    /// <returns><see langword="true"/> to stop.</returns>
    public bool ShouldStop()
    {
        if (Volatile.Read(ref _stopReason) != (int)StopReason.None)
        {
            return true;
        }

        if (Stopwatch.GetTimestamp() > _deadline)
        {
            RequestStop(StopReason.TimedOut);
            return true;
        }

        return false;
    }

    /// <summary>Asks every search to stop; the first reason given wins.</summary>
    /// <param name="reason">Why.</param>
    public void RequestStop(StopReason reason)
        => Interlocked.CompareExchange(ref _stopReason, (int)reason, (int)StopReason.None);

    private static long SaturatingAdd(long a, long b) => b > long.MaxValue - a ? long.MaxValue : a + b;
}
