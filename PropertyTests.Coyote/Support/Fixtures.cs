namespace RcuCollections.CoyoteTests.Support;

/// <summary>A published pointer: what RCU readers load and writers swap.</summary>
public sealed class Published<T>(T initial)
    where T : class
{
    public T Current = initial;

    public T Load() => Volatile.Read(ref Current);

    public T Swap(T next) => Interlocked.Exchange(ref Current, next);
}

public static class Domains
{
    /// <summary>
    /// A domain tuned for exploration: every grace-period heuristic is reachable in a few steps (force after one poll or two
    /// pending callbacks). Timed waits are scheduling points under Coyote anyway (see ControlledManualResetEventSlim), so
    /// the intervals only matter for the stall warning, which is off.
    /// </summary>
    public static RcuDomain Create() => new(new RcuOptions
    {
        PollInterval = TimeSpan.FromMilliseconds(1),
        PollsBeforeForce = 1,
        ForceAtPendingCallbacks = 2,
        StallWarningThreshold = Timeout.InfiniteTimeSpan,
        Name = "coyote",
    });
}
