namespace RcuCollections;

/// <summary>Describes a reader that has held up a grace period past <see cref="RcuOptions.StallWarningThreshold"/>.</summary>
public sealed class RcuReaderStalledEventArgs : EventArgs
{
    internal RcuReaderStalledEventArgs(int managedThreadId, string? threadName, TimeSpan waited)
    {
        ManagedThreadId = managedThreadId;
        ThreadName = threadName;
        Waited = waited;
    }

    /// <summary>Gets the managed thread id of the stalling reader.</summary>
    public int ManagedThreadId { get; }

    /// <summary>Gets the name of the stalling reader's thread, if it has one.</summary>
    public string? ThreadName { get; }

    /// <summary>Gets how long the grace period had waited for this reader when the warning was raised.</summary>
    public TimeSpan Waited { get; }
}
