using System.Diagnostics;
using RcuCollections.Internal;

namespace RcuCollections;

// Deferred callbacks (QEMU's call_rcu thread, in its FQS form, spec §4.4): the callback thread waits for work,
// reads the pending count n, runs one grace period (all polling and forcing happens inside it), invokes
// exactly n callbacks in FIFO order, and only then subtracts n from the pending count, so that the
// "ForceAtPendingCallbacks" heuristic also sees the batch in flight. The same thread drives the grace
// periods that SynchronizeAsync and StartGracePeriodPoll ask for.
public sealed partial class RcuDomain
{
    private readonly CallbackQueue _queue = new();
    private readonly List<SynchronizeWaiter> _asyncWaiters = new();
    private readonly ManualResetEventSlim _workEvent = new(false);     // wakes the idle callback thread
    private readonly ManualResetEventSlim _capacityEvent = new(false); // wakes Defer callers under back-pressure
    private readonly object _threadLock = new();
    private Thread? _callbackThread;
    private bool _stopRequested; // under _threadLock; read by the callback thread with Volatile

    private long _pendingCallbacks; // counted after enqueue, decremented after invocation (FQS)
    private long _callbacksInvoked, _backPressureWaits;
    private long _pollTarget;       // highest grace period asked for by StartGracePeriodPoll
    private int _deferInFlight;     // Defer calls between their disposed check and their count increment

    /// <summary>
    /// Runs <paramref name="callback"/> once, after a grace period, on the domain's callback thread. Callbacks
    /// run in the order they were deferred. If more than <see cref="RcuOptions.MaxPendingCallbacks"/> are pending,
    /// the caller blocks until the callback thread catches up (except inside a read section or on the callback
    /// thread, where blocking could deadlock: there the grace period is forced instead).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The domain was disposed.</exception>
    public void Defer(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Enqueue(new ActionCallback(callback));
    }

    /// <summary>
    /// Runs a reusable callback node once, after a grace period, on the callback thread. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The node is already pending.</exception>
    /// <exception cref="ObjectDisposedException">The domain was disposed.</exception>
    public void Defer(RcuCallback callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (!callback.TryMarkQueued())
            throw new InvalidOperationException("This RcuCallback is already pending; a node can be queued once at a time.");
        Enqueue(callback);
    }

    /// <summary>Disposes <paramref name="resource"/> after a grace period, when no reader can still use it.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="resource"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The domain was disposed.</exception>
    public void Retire(IDisposable resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        Enqueue(new DisposeCallback(resource));
    }

    /// <summary>
    /// Returns once every callback deferred (by any thread) before the call has run (QEMU's drain_call_rcu).
    /// The grace periods involved are forced, so a busy reader delays it only by the time it takes to react
    /// to its force callback.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called inside a read section of this domain, or from one of its callbacks.</exception>
    /// <exception cref="ObjectDisposedException">The domain was disposed.</exception>
    public void Barrier()
    {
        ThrowIfDisposed();
        ThrowIfCannotWait(nameof(Barrier));
        using var marker = new BarrierMarker();
        Interlocked.Increment(ref _forcingWaiters);
        try
        {
            Enqueue(marker, applyBackPressure: false);
            _wakeEvent.Set(); // cut a normal-state poll short: the next loop top forces
            marker.Wait();
        }
        finally
        {
            Interlocked.Decrement(ref _forcingWaiters);
        }
    }

    private void Enqueue(RcuCallback node, bool applyBackPressure = true)
    {
        Interlocked.Increment(ref _deferInFlight);
        try
        {
            if (_disposed) ThrowDisposed();
            EnsureCallbackThread();
            _queue.Enqueue(node);
            // Counted after the enqueue (QEMU's order): every counted node has at least swung the tail.
            long pending = Interlocked.Increment(ref _pendingCallbacks);
            if (pending == 1) _workEvent.Set();
            // A burst reaching the force threshold should not wait for the next poll boundary.
            if (pending == _options.ForceAtPendingCallbacks) _wakeEvent.Set();
            if (applyBackPressure && pending > _options.MaxPendingCallbacks) WaitForCapacity();
        }
        finally
        {
            Interlocked.Decrement(ref _deferInFlight);
        }
    }

    private void WaitForCapacity()
    {
        // Blocking inside a read section of this domain, or on its callback thread, could never end.
        if (InReadSection || ReferenceEquals(ReaderRecordCache.CallbackThreadOf, this))
        {
            Expedite();
            return;
        }
        Interlocked.Increment(ref _backPressureWaits);
        while (Volatile.Read(ref _pendingCallbacks) > _options.MaxPendingCallbacks && !_disposed)
        {
            _capacityEvent.Reset();
            if (Volatile.Read(ref _pendingCallbacks) <= _options.MaxPendingCallbacks) break;
            Expedite();
            _capacityEvent.Wait(100);
        }
    }

    private void SignalCallbackThread()
    {
        EnsureCallbackThread();
        _workEvent.Set();
    }

    private void EnsureCallbackThread()
    {
        if (Volatile.Read(ref _callbackThread) is not null) return; // acquire: pairs with the publication below
        lock (_threadLock)
        {
            if (_callbackThread is not null || _stopRequested) return;
            var thread = new Thread(CallbackThreadMain)
            {
                IsBackground = true,
                Name = $"RCU callbacks ({Name})",
            };
            thread.Start();
            Volatile.Write(ref _callbackThread, thread); // release: a started thread before the fast-path check sees it
        }
    }

    private void CallbackThreadMain()
    {
        ReaderRecordCache.CallbackThreadOf = this;
        while (true)
        {
            // Wait for work: reset, check, wait (the event contract of spec §4.6, so no signal is lost).
            long n;
            while (true)
            {
                _workEvent.Reset();
                // After the reset: a Defer that raises the count from 0 after this load also sets the event again.
                n = Volatile.Read(ref _pendingCallbacks);
                if (n != 0 || HasGracePeriodDemand()) break;
                if (Volatile.Read(ref _stopRequested) && Volatile.Read(ref _deferInFlight) == 0 &&
                    Volatile.Read(ref _pendingCallbacks) == 0)
                {
                    CompleteAsyncWaiters(new ObjectDisposedException(nameof(RcuDomain)));
                    return;
                }
                _workEvent.Wait(Volatile.Read(ref _stopRequested) ? 1 : Timeout.Infinite);
            }

            WaitForGracePeriod(NextGracePeriodTarget());
            CompleteAsyncWaiters(null);
            InvokeCallbacks(n);
        }
    }

    private bool HasGracePeriodDemand()
    {
        long completed = Volatile.Read(ref _gpCompleted);
        if (Volatile.Read(ref _pollTarget) > completed) return true;
        lock (_asyncWaiters)
        {
            foreach (SynchronizeWaiter w in _asyncWaiters)
                if (!w.IsCompleted) return true;
            _asyncWaiters.Clear(); // all cancelled
        }
        return false;
    }

    private void CompleteAsyncWaiters(Exception? error)
    {
        long completed = Volatile.Read(ref _gpCompleted);
        List<SynchronizeWaiter>? done = null;
        lock (_asyncWaiters)
        {
            for (int i = _asyncWaiters.Count - 1; i >= 0; i--)
            {
                SynchronizeWaiter w = _asyncWaiters[i];
                if (error is null && w.Target > completed && !w.IsCompleted) continue;
                (done ??= new()).Add(w);
                _asyncWaiters.RemoveAt(i);
            }
        }
        // Outside the lock: completion runs no continuation inline (RunContinuationsAsynchronously), but a
        // cancellation registration may be racing us; TryComplete lets exactly one side win.
        if (done is not null)
            foreach (SynchronizeWaiter w in done) w.TryComplete(error);
    }

    private void InvokeCallbacks(long n)
    {
        for (long i = 0; i < n; i++)
        {
            RcuCallback node = _queue.DequeueCounted();
            try
            {
                node.InvokeFromCallbackThread();
            }
            catch (Exception e)
            {
                RaiseCallbackFailed(e, isForceCallback: false);
            }
            Interlocked.Increment(ref _callbacksInvoked);
        }
        long pending = Interlocked.Add(ref _pendingCallbacks, -n);
        Debug.Assert(pending >= 0, "More callbacks invoked than were counted.");
        if (pending <= _options.MaxPendingCallbacks) _capacityEvent.Set();
    }

    /// <summary>Drains everything pending (forced) and stops the callback thread. Caller has set <see cref="_disposed"/>.</summary>
    private void StopCallbackThread()
    {
        Thread? thread;
        lock (_threadLock)
        {
            _stopRequested = true;
            thread = _callbackThread;
        }
        if (thread is null)
        {
            CompleteAsyncWaiters(new ObjectDisposedException(nameof(RcuDomain)));
            return;
        }
        Interlocked.Increment(ref _forcingWaiters); // force the remaining grace periods
        try
        {
            _workEvent.Set();
            _wakeEvent.Set();
            thread.Join();
        }
        finally
        {
            Interlocked.Decrement(ref _forcingWaiters);
        }
        _capacityEvent.Set();
    }
}
