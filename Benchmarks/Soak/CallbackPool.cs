namespace RcuCollections.Benchmarks.Soak;

/// <summary>
/// Preallocated <see cref="TrackedCallback"/> nodes of one domain. Workers claim a random idle node, defer it (one
/// in eight throws when it runs), and a quiescent check after Barrier counts the nodes still pending: each one is a
/// callback the domain lost.
/// </summary>
public sealed class CallbackPool
{
    private readonly TrackedCallback[] _nodes;
    private readonly SoakLog _log;
    private readonly string _name;
    private long _deferred;
    private long _ran;
    private Discrepancy _pendingAfterBarrier;

    /// <summary>Creates the pool.</summary>
    /// <param name="size">How many nodes.</param>
    /// <param name="failures">The ledger of the domain the nodes are deferred on.</param>
    /// <param name="log">The verdict log.</param>
    /// <param name="name">For messages.</param>
    public CallbackPool(int size, FailureLedger failures, SoakLog log, string name)
    {
        Failures = failures;
        _log = log;
        _name = name;
        _nodes = new TrackedCallback[size];
        for (int i = 0; i < size; i++)
            _nodes[i] = new TrackedCallback(this);
    }

    /// <summary>Gets the ledger of the domain the nodes run on.</summary>
    public FailureLedger Failures { get; }

    /// <summary>Gets the successful deferrals so far.</summary>
    public long Deferred => Interlocked.Read(ref _deferred);

    /// <summary>Gets the runs so far.</summary>
    public long Ran => Interlocked.Read(ref _ran);

    /// <summary>Claims an idle node (a few random tries).</summary>
    /// <param name="random">The worker's random stream.</param>
    /// <returns>A claimed node, or null when the ones tried were all pending.</returns>
    public TrackedCallback? TryClaim(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int attempt = 0; attempt < 4; attempt++)
        {
            TrackedCallback node = _nodes[random.Next(_nodes.Length)];
            if (node.TryClaim(throws: random.Next(8) == 0))
                return node;
        }
        return null;
    }

    /// <summary>Defers a random idle node on <paramref name="domain"/>, through either overload.</summary>
    /// <param name="domain">The domain.</param>
    /// <param name="random">The worker's random stream.</param>
    /// <returns>False when no idle node was found or the domain refused (disposed).</returns>
    public bool TryDefer(RcuDomain domain, Random random)
    {
        ArgumentNullException.ThrowIfNull(domain);
        TrackedCallback? node = TryClaim(random);
        if (node is null)
            return false;
        try
        {
            if (random.Next(2) == 0)
                domain.Defer(node);
            else
                domain.Defer(node.AsAction);
        }
        catch (ObjectDisposedException)
        {
            // The contract: a Defer that throws queued nothing, so the node is idle again.
            node.Unclaim();
            throw;
        }
        Interlocked.Increment(ref _deferred);
        return true;
    }

    /// <summary>Counts a deferral of a claimed node made outside <see cref="TryDefer"/>.</summary>
    public void NoteDeferredOutsidePool() => Interlocked.Increment(ref _deferred);

    internal void NoteRan() => Interlocked.Increment(ref _ran);

    internal void NoteRanTwice() => _log.Violation($"{_name}: a deferred callback ran twice (or ran without being deferred)");

    /// <summary>At a quiescent point after Barrier (or after Dispose): no node may still be pending.</summary>
    public void CheckNonePending()
    {
        long pending = 0;
        foreach (TrackedCallback node in _nodes)
        {
            if (node.IsPending)
                pending++;
        }
        // Deferred − Ran is the pending count at a quiescent point; the scan confirms it node by node.
        _pendingAfterBarrier.Check(_log, Deferred, Ran, $"{_name}: deferred callbacks ({pending} nodes still pending)");
    }
}
