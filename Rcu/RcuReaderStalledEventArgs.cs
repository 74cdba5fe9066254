namespace RcuCollections;

/// <summary>Describes a reader that has held up a grace period past <see cref="RcuOptions.StallWarningThreshold"/>.</summary>
public sealed class RcuReaderStalledEventArgs : EventArgs
{
    internal RcuReaderStalledEventArgs(int managedThreadId, string? threadName, TimeSpan waited, long asyncSections = 0)
    {
        ManagedThreadId = managedThreadId;
        ThreadName = threadName;
        Waited = waited;
        AsyncSections = asyncSections;
    }

    /// <summary>
    /// Gets how many async sections (<see cref="RcuDomain.EnterAsyncSection"/>) hold up the grace period, when the stall
    /// is theirs; 0 when the stalling reader is a thread (then <see cref="ManagedThreadId"/> names it).
    /// </summary>
    public long AsyncSections { get; }

    /// <summary>Gets the managed thread id of the stalling reader (0 for async sections, which have no thread).</summary>
    public int ManagedThreadId { get; }

    /// <summary>Gets the name of the stalling reader's thread, if it has one.</summary>
    public string? ThreadName { get; }

    /// <summary>Gets how long the grace period had waited for this reader when the warning was raised.</summary>
    public TimeSpan Waited { get; }
}
