namespace RcuCollections;

/// <summary>Describes a deferred callback or force callback that threw.</summary>
public sealed class RcuCallbackFailedEventArgs : EventArgs
{
    internal RcuCallbackFailedEventArgs(Exception exception, bool isForceCallback)
    {
        Exception = exception;
        IsForceCallback = isForceCallback;
    }

    /// <summary>Gets the exception the callback threw.</summary>
    public Exception Exception { get; }

    /// <summary>Gets whether the failing callback was a force callback rather than a deferred one.</summary>
    public bool IsForceCallback { get; }
}
