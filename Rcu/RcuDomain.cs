using System.Diagnostics;
using RcuCollections.Internal;

namespace RcuCollections;

/// <summary>
/// A read-copy-update domain: readers enter cheap read-side sections that write no shared memory; writers
/// publish new versions and wait for (or defer work until) a grace period, after which no reader can still
/// hold anything it saw before.
/// </summary>
/// <remarks>
/// <para>
/// Grace periods follow the "force quiescent state" (FQS) design QEMU adopted in 2025: in the normal state
/// the grace-period side only polls the readers' counters every <see cref="RcuOptions.PollInterval"/>, so the
/// read side never takes a slow path. It enters the forced state — run each still-busy reader's force
/// callbacks, set <see cref="ForceRequested"/> and ask the reader to signal its exit — when a
/// <see cref="Barrier"/> or <see cref="Expedite"/> is in progress, when
/// <see cref="RcuOptions.ForceAtPendingCallbacks"/> callbacks are pending, or after
/// <see cref="RcuOptions.PollsBeforeForce"/> polls. A reader that spins in one section therefore never stalls
/// reclamation forever. See <c>docs/rcu-engine.md</c> for the algorithm and its memory-ordering argument.
/// </para>
/// <para>All members are thread-safe. The file layout: read side (<c>RcuDomain.ReadSide.cs</c>), grace periods
/// (<c>RcuDomain.GracePeriod.cs</c>), deferred callbacks (<c>RcuDomain.Callbacks.cs</c>).</para>
/// </remarks>
[DebuggerDisplay("{DebuggerDisplay,nq}")]
public sealed partial class RcuDomain : IDisposable, IAsyncDisposable
{
    private static readonly RcuDomain s_default = new(new RcuOptions { Name = "default" }, slot: 0);

    private readonly RcuOptions _options;
    private readonly int _slot;
    private readonly bool _fullFence;
    private readonly long _pollIntervalMs;
    private volatile bool _disposed;        // set first by the one Dispose that wins _disposeState
    private int _disposeState;              // 0 live, 1 disposing, 2 disposed: exactly one caller disposes (D2)
    private readonly TaskCompletionSource _disposeCompleted = new(TaskCreationOptions.RunContinuationsAsynchronously); // later callers wait for the first

    /// <summary>Creates a domain with its own readers, grace periods and callback thread.</summary>
    /// <param name="options">Tuning; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public RcuDomain(RcuOptions? options = null)
        : this(options ?? new RcuOptions(), DomainSlots.Rent())
    {
    }

    private RcuDomain(RcuOptions options, int slot)
    {
        options.Validate();
        _options = options;
        _slot = slot;
        _fullFence = options.ReadFlavor == RcuReadFlavor.FullFence;
        _pollIntervalMs = Math.Max(1, (long)options.PollInterval.TotalMilliseconds);
        _gpCtr = options.InitialCounter;
        RcuMetrics.Track(this);
        RcuMutants.Initialize(); // so that tier-1 code folds the mutant checks away (see RcuMutants)
    }

    /// <summary>
    /// Gets the process-wide default domain. It lives as long as the process: <see cref="Dispose"/> and
    /// <see cref="DisposeAsync"/> on it throw <see cref="InvalidOperationException"/> (one behaviour, always).
    /// </summary>
    public static RcuDomain Default => s_default;

    /// <summary>Gets the options this domain was created with.</summary>
    public RcuOptions Options => _options;

    internal string Name => _options.Name;

    /// <summary>The index of this domain's record in every thread's record array (tests check that live domains never share one).</summary>
    internal int Slot => _slot;

    private string DebuggerDisplay
    {
        get
        {
            RcuStatistics s = GetStatistics();
            return $"RcuDomain \"{Name}\": {s.RegisteredReaders} readers, {s.CallbacksPending} callbacks pending, {s.GracePeriods} grace periods{(_disposed ? ", disposed" : "")}";
        }
    }

    /// <summary>
    /// Gets a task that completes once the domain is completely disposed: every callback drained, and a last grace period
    /// run after the disposal began, so that no read section that began before it is still open. A resource whose
    /// <see cref="Retire(IDisposable)"/> was refused because the domain was being disposed can be released when it
    /// completes (the collections do that with the values they remove).
    /// </summary>
    public Task WhenDisposed => _disposeCompleted.Task;

    /// <summary>Gets whether <see cref="Dispose"/> has been called (it may still be draining).</summary>
    public bool IsDisposed => _disposed;

    /// <summary>
    /// Raised when a deferred callback, a force callback or a <see cref="ReaderStalled"/> handler throws: on the callback
    /// thread for a deferred callback, on the thread running the grace period (the callback thread, or a thread in
    /// <see cref="Synchronize"/>) for the other two. The failure is also counted in <see cref="RcuStatistics.CallbackFailures"/>.
    /// </summary>
    public event EventHandler<RcuCallbackFailedEventArgs>? CallbackFailed;

    /// <summary>
    /// Raised on the thread running the grace period (the callback thread, or a thread in <see cref="Synchronize"/>) when
    /// one reader has held up a grace period longer than <see cref="RcuOptions.StallWarningThreshold"/>. The grace period
    /// waits for the handler; a handler that waits for a grace period of this domain (<see cref="Synchronize"/>,
    /// <see cref="Barrier"/>, <see cref="Dispose"/>) gets <see cref="InvalidOperationException"/>.
    /// </summary>
    public event EventHandler<RcuReaderStalledEventArgs>? ReaderStalled;

    /// <summary>Returns a snapshot of the domain's counters.</summary>
    public RcuStatistics GetStatistics()
    {
        int readers;
        lock (_registryLock) readers = _registry.Count;
        // Counters only: each Volatile.Read just avoids a stale or torn value; the snapshot is not atomic as a whole
        // and orders nothing else.
        return new RcuStatistics(
            GracePeriods: Volatile.Read(ref _gpCompleted),
            ForcedGracePeriods: Volatile.Read(ref _forcedGracePeriods),
            CallbacksPending: Volatile.Read(ref _pendingCallbacks),
            CallbacksInvoked: Volatile.Read(ref _callbacksInvoked),
            ForceCallbacksInvoked: Volatile.Read(ref _forceCallbacksInvoked),
            CallbackFailures: Volatile.Read(ref _callbackFailures),
            SlowPathExits: Volatile.Read(ref _slowPathExits),
            ProcessWideBarriers: Volatile.Read(ref _globalBarriers),
            RegisteredReaders: readers,
            ReadersPruned: Volatile.Read(ref _readersPruned),
            ReadersDiedInSection: Volatile.Read(ref _readersDiedInSection),
            StallWarnings: Volatile.Read(ref _stallWarnings),
            BackPressureWaits: Volatile.Read(ref _backPressureWaits));
    }

    /// <summary>
    /// Runs every pending callback (after a forced grace period), completes pending <see cref="SynchronizeAsync"/>
    /// calls and polled grace periods, and stops the callback thread. Later <see cref="Defer(Action)"/>,
    /// <see cref="Retire(IDisposable)"/>, <see cref="Barrier"/>, <see cref="StartGracePeriodPoll"/> or
    /// <see cref="Synchronize"/> calls throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    /// <remarks>
    /// <para>An operation racing <c>Dispose</c> either completes (its callback runs before <c>Dispose</c> returns, its
    /// wait ends) or throws <see cref="ObjectDisposedException"/>; nothing is dropped. A callback that defers more work
    /// while <c>Dispose</c> drains gets <see cref="ObjectDisposedException"/> from that call, reported through
    /// <see cref="CallbackFailed"/> if it does not catch it.</para>
    /// <para>Thread-safe and idempotent: every caller returns once the domain is completely disposed. It waits for every
    /// reader that is inside a section of this domain (forcing them) and for every pending callback: a callback that
    /// never returns makes it hang, as it does <see cref="Barrier"/>. Entering a read section of a disposed domain is
    /// not allowed; a thread that never used the domain gets <see cref="ObjectDisposedException"/>, a thread that did
    /// is not checked (the read side stays free of the test).</para>
    /// </remarks>
    /// <exception cref="InvalidOperationException">Called on <see cref="Default"/>, inside a read section of this
    /// domain, from one of its callbacks, or from a handler running on its grace-period thread (while the domain is not
    /// yet disposed).</exception>
    public void Dispose()
    {
        switch (BeginDispose(nameof(Dispose)))
        {
            case DisposeRole.AlreadyDisposed:
                return;
            case DisposeRole.Waiter:
                _disposeCompleted.Task.GetAwaiter().GetResult(); // another caller is disposing: return once it is done
                return;
        }
        try
        {
            RequestStop()?.Join();
        }
        finally
        {
            FinishDispose();
        }
    }

    /// <summary>
    /// Disposes the domain as <see cref="Dispose"/> does, without blocking a thread while the callback thread drains:
    /// the returned task completes once every pending callback has run and the domain is completely disposed.
    /// </summary>
    /// <returns>A task that completes when the domain is disposed.</returns>
    /// <exception cref="InvalidOperationException">As <see cref="Dispose"/>.</exception>
    public ValueTask DisposeAsync()
    {
        return BeginDispose(nameof(DisposeAsync)) switch
        {
            DisposeRole.AlreadyDisposed => default,
            DisposeRole.Waiter => new ValueTask(_disposeCompleted.Task),
            _ => DisposeCoreAsync(),
        };

        async ValueTask DisposeCoreAsync()
        {
            try
            {
                if (RequestStop() is not null) await _callbackThreadExited.Task.ConfigureAwait(false);
            }
            finally
            {
                FinishDispose();
            }
        }
    }

    private enum DisposeRole
    {
        AlreadyDisposed,
        Waiter,
        Disposer,
    }

    /// <summary>Decides who disposes: exactly one caller wins (D2); the first step of the handshake with admitted operations (D1).</summary>
    private DisposeRole BeginDispose(string operation)
    {
        if (_slot == 0) throw new InvalidOperationException("The default RCU domain cannot be disposed.");
        if (Volatile.Read(ref _disposeState) == 2) return DisposeRole.AlreadyDisposed;
        ThrowIfCannotWait(operation);
        if (Interlocked.CompareExchange(ref _disposeState, 1, 0) != 0) return DisposeRole.Waiter;

        // D1, with EnterOperation: the store of _disposed, a full fence, then the load of _operationsInFlight. An
        // operation increments the count (full fence), then loads _disposed. At least one side sees the other's store: the
        // operation throws, or we wait (RequestStop) until it has handed its work to the callback thread, which drains it.
        _disposed = true;
        Interlocked.MemoryBarrier();
        return DisposeRole.Disposer;
    }

    /// <summary>
    /// Waits for admitted operations to hand their work over, then asks the callback thread to drain everything (forced)
    /// and stop. Returns the thread to wait for, or null if none was ever started (then nothing can be pending).
    /// </summary>
    private Thread? RequestStop()
    {
        // Admitted operations only hand work over (no blocking inside the handshake), so this wait is short.
        var spin = new SpinWait();
        while (Volatile.Read(ref _operationsInFlight) != 0) spin.SpinOnce();

        // Every grace period from here on is forced, the last one included; FinishDispose undoes it.
        Interlocked.Increment(ref _forcingWaiters);

        // One last grace period after admissions closed, even with nothing pending: every reader inside a section now is
        // waited for before the disposal completes (WhenDisposed), so a resource whose Retire was refused can be released
        // then. With no thread registered and no async section ever entered it is trivial and runs here; otherwise the
        // callback thread runs it, started if need be, so that DisposeAsync does not wait on the caller's thread.
        long finalTarget = NextGracePeriodTarget();
        RaisePollTarget(finalTarget);
        if (Volatile.Read(ref _callbackThread) is null)
        {
            bool readers;
            lock (_registryLock) readers = _registry.Count > 0;
            if (readers || Volatile.Read(ref _asyncStripes) is not null) EnsureCallbackThread();
            else WaitForGracePeriod(finalTarget);
        }

        Thread? thread;
        lock (_threadLock)
        {
            _stopRequested = true;
            thread = _callbackThread;
        }
        if (thread is null)
        {
            CompleteAsyncWaiters(new ObjectDisposedException(nameof(RcuDomain)));
            return null;
        }
        _workEvent.Set();
        _wakeEvent.Set();
        return thread;
    }

    /// <summary>The last step, whatever happened before: concurrent callers wait for it and must never be left waiting.</summary>
    private void FinishDispose()
    {
        try
        {
            Interlocked.Decrement(ref _forcingWaiters);
            _capacityEvent.Set(); // a back-pressure waiter re-checks and sees the domain disposed
            RcuMetrics.Untrack(this);
            DomainSlots.Return(_slot);
        }
        finally
        {
            Volatile.Write(ref _disposeState, 2);
            _disposeCompleted.TrySetResult();
        }
    }

    /// <summary>
    /// Admits an operation that hands work to the callback thread (a callback, an async waiter, a polled grace period):
    /// from here until <see cref="ExitOperation"/>, <see cref="Dispose"/> waits for it, so its work is drained, not dropped.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The domain was disposed.</exception>
    private void EnterOperation()
    {
        if (!TryEnterOperation()) ThrowDisposed();
    }

    private bool TryEnterOperation()
    {
        Interlocked.Increment(ref _operationsInFlight); // full fence: pairs with Dispose's store, fence, load (D1)
        if (!_disposed) return true;
        Interlocked.Decrement(ref _operationsInFlight);
        return false;
    }

    private void ExitOperation() => Interlocked.Decrement(ref _operationsInFlight);

    private void ThrowIfDisposed()
    {
        if (_disposed) ThrowDisposed();
    }

    private static void ThrowDisposed() => throw new ObjectDisposedException(nameof(RcuDomain));

    /// <summary>Throws if blocking for a grace period here could never end.</summary>
    private void ThrowIfCannotWait(string operation)
    {
        if (InReadSection)
            throw new InvalidOperationException($"{operation} was called inside a read-side section of the same domain; it would wait for itself.");
        if (ReferenceEquals(ReaderRecordCache.CallbackThreadOf, this))
            throw new InvalidOperationException($"{operation} was called from a callback of the same domain; the callback thread would wait for itself.");
        if (ReferenceEquals(ReaderRecordCache.GracePeriodOf, this))
            throw new InvalidOperationException($"{operation} was called from a ReaderStalled handler or force callback of the same domain; the thread running the grace period would wait for itself.");
    }

    /// <summary>Whether the calling thread must not block for this domain's grace periods or callbacks (see <see cref="ThrowIfCannotWait"/>).</summary>
    internal bool CannotWaitHere =>
        ReferenceEquals(ReaderRecordCache.CallbackThreadOf, this) || ReferenceEquals(ReaderRecordCache.GracePeriodOf, this) || InReadSection;

    private void RaiseCallbackFailed(Exception exception, bool isForceCallback)
    {
        Interlocked.Increment(ref _callbackFailures);
        EventHandler<RcuCallbackFailedEventArgs>? handlers = CallbackFailed;
        if (handlers is null) return;
        var args = new RcuCallbackFailedEventArgs(exception, isForceCallback);
        // One handler at a time: a throwing subscriber must not hide the failure from the subscribers after it, nor take
        // down the thread that reports it. Its own failure is counted too.
        foreach (Delegate handler in handlers.GetInvocationList())
        {
            try
            {
                ((EventHandler<RcuCallbackFailedEventArgs>)handler)(this, args);
            }
            catch (Exception handlerFailure)
            {
                Interlocked.Increment(ref _callbackFailures);
                Debug.WriteLine($"RcuDomain.CallbackFailed handler threw: {handlerFailure}");
            }
        }
    }

    /// <summary>Raises <see cref="ReaderStalled"/> handler by handler: one that throws is reported through <see cref="CallbackFailed"/> and the others still hear of the stall.</summary>
    private void RaiseReaderStalled(RcuReaderStalledEventArgs args)
    {
        EventHandler<RcuReaderStalledEventArgs>? handlers = ReaderStalled;
        if (handlers is null) return;
        foreach (Delegate handler in handlers.GetInvocationList())
        {
            try
            {
                ((EventHandler<RcuReaderStalledEventArgs>)handler)(this, args);
            }
            catch (Exception e)
            {
                RaiseCallbackFailed(e, isForceCallback: false);
            }
        }
    }
}
