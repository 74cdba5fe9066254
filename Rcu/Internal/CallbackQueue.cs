using System.Diagnostics;

namespace RcuCollections.Internal;

/// <summary>
/// Wait-free multi-producer, single-consumer intrusive FIFO of <see cref="RcuCallback"/> nodes, with a stub
/// node (the design of docs/design/rcu-algorithms.md §4.2). Producers never allocate.
/// </summary>
/// <remarks>
/// Between a producer's exchange of <see cref="_tail"/> and its store of the predecessor's link, the list is
/// briefly broken; the consumer then sees a null link and must retry. The domain only dequeues nodes that
/// its pending counter already covers, and that counter is raised after the exchange, so such a retry
/// always ends within the producer's next couple of instructions (or its next time slice).
/// </remarks>
internal sealed class CallbackQueue
{
    private sealed class Stub : RcuCallback
    {
        protected override void Invoke() => Debug.Fail("The stub node is never invoked.");
    }

    private readonly RcuCallback _stub = new Stub();
    private RcuCallback _head; // consumer only
    private RcuCallback _tail; // producers: Interlocked.Exchange

    public CallbackQueue()
    {
        _head = _stub;
        _tail = _stub;
    }

    public void Enqueue(RcuCallback node)
    {
        node._next = null;
        RcuCallback prev = Interlocked.Exchange(ref _tail, node);
        // Release: the node's contents (and _next = null) are visible before the consumer can reach it.
        // Pairs with the acquire load of _next in TryDequeue.
        Volatile.Write(ref prev._next, node);
    }

    /// <summary>Dequeues the oldest node, or returns null if none is (yet) linked. Single consumer only.</summary>
    /// <remarks>
    /// Every node the head moves past has its link cleared: a dequeued node may live on (a reusable node kept by its
    /// owner, the stub), and a stale link would keep every later node, and all they retire, reachable (defect D3).
    /// Clearing is safe: only the producer that swung the tail from a node writes that node's link, and the consumer
    /// moves past a node only after reading that write.
    /// </remarks>
    public RcuCallback? TryDequeue()
    {
        RcuCallback head = _head;
        RcuCallback? next = Volatile.Read(ref head._next); // acquire: pairs with the release in Enqueue
        if (ReferenceEquals(head, _stub))
        {
            if (next is null) return null;
            Advance(head, next);
            head = next;
            next = Volatile.Read(ref head._next);
        }

        if (next is not null)
        {
            Advance(head, next);
            return head;
        }

        // head is the last linked node. If a producer has already swung the tail past it, its link is on the
        // way: report "not yet" and let the caller retry.
        if (!ReferenceEquals(head, Volatile.Read(ref _tail))) return null;

        // Put the stub back behind head so head can be detached.
        Enqueue(_stub);
        next = Volatile.Read(ref head._next);
        if (next is null) return null;
        Advance(head, next);
        return head;
    }

    /// <summary>Moves the head from <paramref name="from"/> to <paramref name="to"/> and unlinks <paramref name="from"/>.</summary>
    private void Advance(RcuCallback from, RcuCallback to)
    {
        _head = to;
        // Plain store: the node is out of the queue; a producer that enqueues it again writes null first anyway.
        from._next = null;
    }

    /// <summary>Dequeues a node the caller knows was enqueued (counted), spinning over the producer's brief window.</summary>
    public RcuCallback DequeueCounted()
    {
        RcuCallback? node = TryDequeue();
        if (node is not null) return node;
        var spin = new SpinWait();
        while ((node = TryDequeue()) is null) spin.SpinOnce();
        return node;
    }
}
