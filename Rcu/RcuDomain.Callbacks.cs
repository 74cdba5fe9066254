using System.Diagnostics;
using RcuCollections.Internal;

namespace RcuCollections;

// Deferred callbacks (QEMU's call_rcu thread, in its FQS form, docs/design/rcu-algorithms.md §4.4): the callback thread
// waits for work, reads the pending count n, runs one grace period (all polling and forcing happens inside it), invokes
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
    private readonly TaskCompletionSource _callbackThreadExited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private long _pendingCallbacks; // counted after enqueue, decremented after invocation (FQS)
    private long _callbacksInvoked, _backPressureWaits;
    private long _pollTarget;       // highest grace period asked for by StartGracePeriodPoll
    private int _operationsInFlight; // operations admitted by EnterOperation and not yet handed over (Dispose waits for 0)

    /// <summary>
    /// Runs <paramref name="callback"/> once, after a grace period, on the domain's callback thread. Callbacks
    /// run in the order they were deferred. If more than <see cref="RcuOptions.MaxPendingCallbacks"/> are pending,
    /// the caller then blocks until the callback thread catches up (except inside a read section, on the callback
    /// thread or on the thread running a grace period, where blocking could deadlock: there the grace period is
    /// forced instead). A caller holding a lock that a callback may need uses
    /// <see cref="Defer(Action, bool)"/> with <c>waitForCapacity: false</c> instead.
    /// </summary>
    /// <param name="callback">The work to run after a grace period.</param>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The domain was disposed.</exception>
    public void Defer(Action callback) => Defer(callback, waitForCapacity: true);

    /// <summary>
    /// Runs <paramref name="callback"/> once, after a grace period, on the domain's callback thread, optionally without
    /// waiting for back-pressure.
    /// </summary>
    /// <param name="callback">The work to run after a grace period.</param>
    /// <param name="waitForCapacity">
    /// <see langword="false"/> to return at once even when more than <see cref="RcuOptions.MaxPendingCallbacks"/> are
    /// pending. Use it while holding a lock that a callback may need (the collections do, under their own locks), and
    /// call <see cref="WaitForCallbackCapacity"/> once the lock is released, so the backlog stays bounded.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The domain was disposed.</exception>
    public void Defer(Action callback, bool waitForCapacity)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Enqueue(new ActionCallback(callback), waitForCapacity);
    }

    /// <summary>
    /// Runs a reusable callback node once, after a grace period, on the callback thread. Allocates nothing. Back-pressure
    /// as <see cref="Defer(Action)"/>.
    /// </summary>
    /// <param name="callback">The node; it must not be pending already.</param>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The node is already pending.</exception>
    /// <exception cref="ObjectDisposedException">The domain was disposed (the node is left idle, free to be deferred elsewhere).</exception>
    public void Defer(RcuCallback callback) => Defer(callback, waitForCapacity: true);

    /// <summary>Runs a reusable callback node once, after a grace period, optionally without waiting for back-pressure (see <see cref="Defer(Action, bool)"/>).</summary>
    /// <param name="callback">The node; it must not be pending already.</param>
    /// <param name="waitForCapacity"><see langword="false"/> to return at once even over <see cref="RcuOptions.MaxPendingCallbacks"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The node is already pending.</exception>
    /// <exception cref="ObjectDisposedException">The domain was disposed (the node is left idle).</exception>
    public void Defer(RcuCallback callback, bool waitForCapacity)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (!callback.TryMarkQueued())
            throw new InvalidOperationException("This RcuCallback is already pending; a node can be queued once at a time.");
        try
        {
            Enqueue(callback, waitForCapacity);
        }
        catch (ObjectDisposedException)
        {
            callback.UnmarkQueued(); // never enqueued: the owner may defer it again, elsewhere
            throw;
        }
    }

    /// <summary>Disposes <paramref name="resource"/> after a grace period, when no reader can still use it. Back-pressure as <see cref="Defer(Action)"/>.</summary>
    /// <param name="resource">The resource.</param>
    /// <exception cref="ArgumentNullException"><paramref name="resource"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The domain was disposed.</exception>
    public void Retire(IDisposable resource) => Retire(resource, waitForCapacity: true);

    /// <summary>Disposes <paramref name="resource"/> after a grace period, optionally without waiting for back-pressure (see <see cref="Defer(Action, bool)"/>).</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="waitForCapacity"><see langword="false"/> to return at once even over <see cref="RcuOptions.MaxPendingCallbacks"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="resource"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The domain was disposed.</exception>
    public void Retire(IDisposable resource, bool waitForCapacity)
    {
        ArgumentNullException.ThrowIfNull(resource);
        Enqueue(new DisposeCallback(resource), waitForCapacity);
    }

    /// <summary>
    /// Blocks while more than <see cref="RcuOptions.MaxPendingCallbacks"/> callbacks are pending: the back-pressure that
    /// <see cref="Defer(Action)"/> applies, for callers that deferred with <c>waitForCapacity: false</c> under a lock and
    /// have released it. Returns at once when the backlog is within the limit or the domain is disposed; inside a read
    /// section, on the callback thread or on the thread running a grace period it only forces the grace period.
    /// </summary>
    public void WaitForCallbackCapacity()
    {
        if (Volatile.Read(ref _pendingCallbacks) <= _options.MaxPendingCallbacks) return;
        WaitForCapacity();
    }

    /// <summary>
    /// Returns once every callback deferred (by any thread) before the call has run (QEMU's drain_call_rcu).
    /// The grace periods involved are forced, so a busy reader delays it only by the time it takes to react
    /// to its force callback. A callback that never returns makes it hang.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called inside a read section of this domain, from one of its callbacks, or on its grace-period thread.</exception>
    /// <exception cref="ObjectDisposedException">The domain was disposed.</exception>
    public void Barrier()
    {
        ThrowIfDisposed();
        ThrowIfCannotWait(nameof(Barrier));
        using var marker = new BarrierMarker();
        Interlocked.Increment(ref _forcingWaiters);
        try
        {
            Enqueue(marker, waitForCapacity: false);
            _wakeEvent.Set(); // cut a normal-state poll short: the next loop top forces
            marker.Wait();
        }
        finally
        {
            Interlocked.Decrement(ref _forcingWaiters);
        }
    }

    /// <summary>
    /// Completes once every callback deferred (by any thread) before the call has run, as <see cref="Barrier"/> (forced
    /// grace periods), without blocking a thread. Cancelling stops the wait, not the drain.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when every earlier callback has run.</returns>
    /// <exception cref="InvalidOperationException">Called inside a read section of this domain, from one of its callbacks, or on its grace-period thread (blocking on the result there would never end).</exception>
    /// <exception cref="ObjectDisposedException">The domain was disposed.</exception>
    public Task BarrierAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ThrowIfCannotWait(nameof(BarrierAsync));
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
        var marker = new AsyncBarrierMarker(this);
        Interlocked.Increment(ref _forcingWaiters); // the marker undoes it when it runs: force until then
        try
        {
            Enqueue(marker, waitForCapacity: false);
        }
        catch
        {
            Interlocked.Decrement(ref _forcingWaiters);
            throw;
        }
        _wakeEvent.Set(); // cut a normal-state poll short: the next loop top forces
        return marker.Completion.WaitAsync(cancellationToken);
    }

    /// <summary>Called by <see cref="AsyncBarrierMarker"/> when it runs.</summary>
    internal void EndForcingWait() => Interlocked.Decrement(ref _forcingWaiters);

    private void Enqueue(RcuCallback node, bool waitForCapacity)
    {
        long pending;
        EnterOperation();
        try
        {
            EnsureCallbackThread();
            _queue.Enqueue(node);
            // Counted after the enqueue (QEMU's order): every counted node has at least swung the tail.
            pending = Interlocked.Increment(ref _pendingCallbacks);
            if (pending == 1) _workEvent.Set();
            // A burst reaching the force threshold should not wait for the next poll boundary.
            if (pending == _options.ForceAtPendingCallbacks) _wakeEvent.Set();
        }
        finally
        {
            ExitOperation();
        }
        // Outside the operation: Dispose must not wait for a caller that waits for the callback thread.
        if (waitForCapacity && pending > _options.MaxPendingCallbacks) WaitForCapacity();
    }

    private void WaitForCapacity()
    {
        // Blocking inside a read section of this domain, on its callback thread or on its grace-period thread could
        // never end.
        if (CannotWaitHere)
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

    /// <summary>Wakes the callback thread, starting it if needed. Caller is inside an operation (<see cref="EnterOperation"/>).</summary>
    private void SignalCallbackThread()
    {
        EnsureCallbackThread();
        _workEvent.Set();
    }

    /// <summary>Starts the callback thread if it is not running. Only inside an operation (<see cref="EnterOperation"/>), so never after Dispose asked it to stop.</summary>
    private void EnsureCallbackThread()
    {
        if (Volatile.Read(ref _callbackThread) is not null) return; // acquire: pairs with the publication below
        lock (_threadLock)
        {
            // Dispose asks the thread to stop only after every admitted operation has left (D1): no operation gets here
            // after that, so the thread is never refused to work that was handed to it.
            Debug.Assert(!_stopRequested, "the callback thread is started only inside an admitted operation");
            if (_callbackThread is not null) return;
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
        try
        {
            CallbackThreadLoop();
        }
        finally
        {
            _callbackThreadExited.TrySetResult(); // DisposeAsync awaits this instead of joining the thread
        }
    }

    private void CallbackThreadLoop()
    {
        ReaderRecordCache.CallbackThreadOf = this;
        while (true)
        {
            // Wait for work: reset, check, wait (the event contract of docs/design/rcu-algorithms.md §4.6, so no signal
            // is lost).
            long n;
            while (true)
            {
                _workEvent.Reset();
                // After the reset: a Defer that raises the count from 0 after this load also sets the event again.
                n = Volatile.Read(ref _pendingCallbacks);
                if (n != 0 || HasGracePeriodDemand()) break;
                // Stop is requested only after every admitted operation has handed over its work (Dispose), so once the
                // request is seen (acquire), work seen empty AFTER it is empty for good. The checks above came before
                // this load and may be stale (an operation can count itself between them and the stop request: found by
                // the Coyote scenario in PropertyTests.Coyote/EngineScenarios.cs), so they are made again.
                if (Volatile.Read(ref _stopRequested))
                {
                    if (Volatile.Read(ref _pendingCallbacks) != 0 || HasGracePeriodDemand()) continue;
                    CompleteAsyncWaiters(new ObjectDisposedException(nameof(RcuDomain)));
                    return;
                }
                _workEvent.Wait(Volatile.Read(ref _stopRequested) ? 1 : Timeout.Infinite);
            }

            bool callbacksFirst = RcuMutants.Is(RcuMutant.CallbacksBeforeGracePeriod); // mutant 3 (tests only)
            if (callbacksFirst) InvokeCallbacks(n); // mutant 3: the batch runs before its grace period
            WaitForGracePeriod(NextGracePeriodTarget());
            CompleteAsyncWaiters(null);
            if (!callbacksFirst) InvokeCallbacks(n);
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
}
