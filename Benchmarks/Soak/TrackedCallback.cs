namespace RcuCollections.Benchmarks.Soak;

/// <summary>
/// A reusable callback node that knows whether it is pending: claimed (0 → 1) before it is deferred, released
/// (1 → 0) when it runs. Running while not pending is a violation (ran twice); still pending after Barrier is a lost
/// callback. It can be deferred as an <see cref="RcuCallback"/> (no allocation) or through its cached
/// <see cref="Action"/> (the domain wraps it), so both Defer overloads are exercised without a closure per call.
/// </summary>
public sealed class TrackedCallback : RcuCallback
{
    private readonly CallbackPool _pool;
    private int _pending;
    private int _throws;

    internal TrackedCallback(CallbackPool pool)
    {
        _pool = pool;
        AsAction = Run;
    }

    /// <summary>Gets the node's work as a delegate, for <see cref="RcuDomain.Defer(Action)"/>.</summary>
    public Action AsAction { get; }

    /// <summary>Gets whether the node was deferred and has not run yet.</summary>
    public bool IsPending => Volatile.Read(ref _pending) != 0;

    /// <summary>Claims an idle node for one deferral.</summary>
    /// <param name="throws">Whether this run throws an injected exception.</param>
    /// <returns>False when the node is pending.</returns>
    public bool TryClaim(bool throws)
    {
        if (Interlocked.CompareExchange(ref _pending, 1, 0) != 0)
            return false;
        Volatile.Write(ref _throws, throws ? 1 : 0);
        return true;
    }

    /// <summary>Gives a claimed node back when its Defer threw (it was never queued).</summary>
    public void Unclaim() => Volatile.Write(ref _pending, 0);

    /// <inheritdoc />
    protected override void Invoke() => Run();

    private void Run()
    {
        bool throws = Volatile.Read(ref _throws) != 0;
        if (Interlocked.Exchange(ref _pending, 0) != 1)
        {
            _pool.NoteRanTwice();
            return;
        }
        _pool.NoteRan();
        if (throws)
        {
            _pool.Failures.NoteThrown();
            throw new SoakInjectedException("deferred callback");
        }
    }
}
