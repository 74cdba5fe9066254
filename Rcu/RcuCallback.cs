namespace RcuCollections;

/// <summary>
/// An intrusive, reusable callback node: the .NET counterpart of an embedded <c>rcu_head</c>.
/// Deferring one through <see cref="RcuDomain.Defer(RcuCallback)"/> allocates nothing, which lets
/// collections recycle memory after a grace period without producing garbage per operation.
/// </summary>
/// <remarks>
/// A node may be queued at most once at a time; deferring a node that is still pending throws
/// <see cref="InvalidOperationException"/>. It becomes reusable as soon as <see cref="Invoke"/> starts,
/// so <see cref="Invoke"/> may defer the same node again.
/// </remarks>
public abstract class RcuCallback
{
    // Written by producers (Interlocked.Exchange on the queue tail, then a release store of this link)
    // and read by the single consumer with an acquire load. See CallbackQueue.
    internal RcuCallback? _next;

    // 0 = idle, 1 = queued. CAS 0 -> 1 in Defer, reset to 0 by the callback thread before Invoke.
    private int _queued;

    /// <summary>Initialises a new callback node.</summary>
    protected RcuCallback()
    {
    }

    /// <summary>Runs the deferred work. Called once per deferral, on the domain's callback thread, after a grace period.</summary>
    protected abstract void Invoke();

    internal bool TryMarkQueued() => Interlocked.CompareExchange(ref _queued, 1, 0) == 0;

    /// <summary>Undoes <see cref="TryMarkQueued"/> for a node that was never enqueued (its domain was disposed).</summary>
    internal void UnmarkQueued() => Volatile.Write(ref _queued, 0);

    internal void InvokeFromCallbackThread()
    {
        // Release: the node is reusable from here on (Invoke may defer it again); pairs with the CAS in TryMarkQueued.
        Volatile.Write(ref _queued, 0);
        Invoke();
    }
}
