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
public sealed partial class RcuDomain : IDisposable
{
    private static readonly RcuDomain s_default = new(new RcuOptions { Name = "default" }, slot: 0);

    private readonly RcuOptions _options;
    private readonly int _slot;
    private readonly bool _fullFence;
    private readonly long _pollIntervalMs;
    private volatile bool _disposed;

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
    }

    /// <summary>Gets the process-wide default domain. Its read side is the fastest (one thread-static load). It cannot be disposed.</summary>
    public static RcuDomain Default => s_default;

    /// <summary>Gets the options this domain was created with.</summary>
    public RcuOptions Options => _options;

    internal string Name => _options.Name;

    /// <summary>Raised on the callback thread when a deferred callback or a force callback throws. The failure is also counted in <see cref="RcuStatistics.CallbackFailures"/>.</summary>
    public event EventHandler<RcuCallbackFailedEventArgs>? CallbackFailed;

    /// <summary>Raised on the grace-period side when one reader has held up a grace period longer than <see cref="RcuOptions.StallWarningThreshold"/>.</summary>
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
    /// calls, and stops the callback thread. Later <see cref="Defer(Action)"/>, <see cref="Retire"/> or
    /// <see cref="Synchronize"/> calls throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called on <see cref="Default"/>, inside a read section of this
    /// domain, or from one of its callbacks.</exception>
    public void Dispose()
    {
        if (_slot == 0) throw new InvalidOperationException("The default RCU domain cannot be disposed.");
        ThrowIfCannotWait(nameof(Dispose));
        if (_disposed) return;
        _disposed = true;
        StopCallbackThread();
        RcuMetrics.Untrack(this);
        DomainSlots.Return(_slot);
    }

    private void ThrowIfDisposed()
    {
        if (_disposed) ThrowDisposed();
    }

    private static void ThrowDisposed() => throw new ObjectDisposedException(nameof(RcuDomain));

    /// <summary>Throws if blocking for a grace period here could never end (inside a read section, or on the callback thread).</summary>
    private void ThrowIfCannotWait(string operation)
    {
        if (InReadSection)
            throw new InvalidOperationException($"{operation} was called inside a read-side section of the same domain; it would wait for itself.");
        if (ReferenceEquals(ReaderRecordCache.CallbackThreadOf, this))
            throw new InvalidOperationException($"{operation} was called from a callback of the same domain; the callback thread would wait for itself.");
    }

    private void RaiseCallbackFailed(Exception exception, bool isForceCallback)
    {
        Interlocked.Increment(ref _callbackFailures);
        try
        {
            CallbackFailed?.Invoke(this, new RcuCallbackFailedEventArgs(exception, isForceCallback));
        }
        catch (Exception handlerFailure)
        {
            // A throwing handler must not take down the thread that reports failures; it is counted too.
            Interlocked.Increment(ref _callbackFailures);
            Debug.WriteLine($"RcuDomain.CallbackFailed handler threw: {handlerFailure}");
        }
    }
}
