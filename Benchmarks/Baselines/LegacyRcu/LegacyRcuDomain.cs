using RcuCollections.Benchmarks.Engines;

namespace RcuCollections.Benchmarks.Baselines.LegacyRcu;

/// <summary>
/// A C# port of QEMU's pre-patch RCU engine (util/rcu.c blob b703c86f15a3, which is also upstream master after the
/// revert), written from the design notes (<c>docs/design/rcu-algorithms.md</c> §1–§4.6) to serve as the baseline of
/// the seed claims. It is a benchmark baseline, not part of the library.
/// </summary>
/// <remarks>
/// <para>What is faithful: the read side (§2, with a full 64-bit snapshot as the notes ask), synchronize_rcu (§3.1,
/// the 64-bit single-phase form), the legacy wait_for_readers (§3.2: every iteration resets rcu_gp_event and sets
/// waiting on every reader not yet seen quiescent, then fences and scans; force_rcu notifiers run only while a drain
/// is active, for readers found ongoing, on every iteration; the wait is purely event-driven), the call_rcu thread's
/// batching (§4.3: 10 ms sleeps, up to 5 tries until 30 callbacks pile up; the count is decremented before the grace
/// period), drain_call_rcu (§4.5) and QemuEvent (§4.6, <see cref="LegacyEvent"/>).</para>
/// <para>Adaptations: threads register on their first <see cref="ReadLock"/> (QEMU registers explicitly) and the
/// records of exited threads that are outside a section are dropped during scans (.NET has no thread-exit hook);
/// the MPSC queue is a <see cref="System.Collections.Concurrent.ConcurrentQueue{T}"/> (FIFO, which is all drain
/// needs); there is no BQL and no malloc_trim; <see cref="Synchronize"/> and <see cref="Barrier"/> throw instead of
/// deadlocking when called inside a section or from a callback. The file layout: read side
/// (<c>LegacyRcuDomain.ReadSide.cs</c>), grace periods (<c>LegacyRcuDomain.GracePeriod.cs</c>), the call_rcu thread
/// (<c>LegacyRcuDomain.CallRcu.cs</c>).</para>
/// </remarks>
public sealed partial class LegacyRcuDomain : IRcuEngine
{
    private readonly LegacyRcuOptions _options;
    private readonly bool _fullFence;
    private volatile bool _disposed;

    /// <summary>Creates a domain and starts its call_rcu thread.</summary>
    /// <param name="options">Settings; null for QEMU's defaults.</param>
    public LegacyRcuDomain(LegacyRcuOptions? options = null)
    {
        _options = options ?? new LegacyRcuOptions();
        _options.Validate();
        _fullFence = _options.ReadFlavor == RcuReadFlavor.FullFence;
        _callThread = new Thread(CallRcuThreadLoop) { IsBackground = true, Name = "legacy-call_rcu" };
        _callThread.Start();
    }

    /// <summary>Gets the settings.</summary>
    public LegacyRcuOptions Options => _options;

    /// <inheritdoc />
    public string Name => "legacy";

    /// <inheritdoc />
    public RcuReadFlavor ReadFlavor => _options.ReadFlavor;

    /// <summary>Gets false: the pre-patch engine has no force_rcu() (it arrived with the unmerged follow-up series).</summary>
    public bool SupportsExpedite => false;

    /// <summary>Not supported: the pre-patch engine has no force_rcu().</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public void Expedite() => throw new NotSupportedException("The pre-patch engine has no force_rcu(); only drain_call_rcu forces notifiers.");

    /// <summary>Returns a snapshot of the instrumentation counters.</summary>
    /// <returns>The counters.</returns>
    public LegacyRcuStatistics GetStatistics() => new(
        GracePeriods: Volatile.Read(ref _gracePeriods),
        WaitIterations: Volatile.Read(ref _waitIterations),
        WriterSleeps: Volatile.Read(ref _writerSleeps),
        WriterWakeups: Volatile.Read(ref _writerWakeups),
        SlowPathExits: Volatile.Read(ref _slowPathExits),
        EventWakes: _gpEvent.Wakes,
        GlobalBarriers: Volatile.Read(ref _globalBarriers),
        ForceCallbacksInvoked: Volatile.Read(ref _forceCallbacksInvoked),
        CallbacksInvoked: Volatile.Read(ref _callbacksInvoked),
        CallbacksPending: Volatile.Read(ref _callbacksPending),
        CallbackFailures: Volatile.Read(ref _callbackFailures),
        Batches: Volatile.Read(ref _batches),
        BatchSleeps: Volatile.Read(ref _batchSleeps),
        ReadersPruned: Volatile.Read(ref _readersPruned));

    /// <inheritdoc />
    public EngineCounters GetCounters()
    {
        LegacyRcuStatistics s = GetStatistics();
        return new EngineCounters(s.GracePeriods, ForcedGracePeriods: 0, s.CallbacksInvoked, s.CallbacksPending,
            s.ForceCallbacksInvoked, s.SlowPathExits, s.GlobalBarriers, s.WriterWakeups);
    }

    /// <summary>
    /// Runs every pending callback (which needs the readers to leave their sections) and stops the call_rcu thread.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called inside a section or from a callback, or the thread did not stop within 30 seconds.</exception>
    public void Dispose()
    {
        ThrowIfCannotWait(nameof(Dispose));
        if (_disposed)
            return;
        _disposed = true;
        _callReadyEvent.Set();
        if (!_callThread.Join(TimeSpan.FromSeconds(30)))
            throw new InvalidOperationException("The legacy call_rcu thread did not stop: a reader is still inside a section.");
    }

    private void ThrowIfCannotWait(string operation)
    {
        if (InReadSection)
            throw new InvalidOperationException($"{operation} was called inside a read-side section; it would wait for itself.");
        if (ReferenceEquals(Thread.CurrentThread, _callThread))
            throw new InvalidOperationException($"{operation} was called from a callback; the call_rcu thread would wait for itself.");
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
            throw new ObjectDisposedException(nameof(LegacyRcuDomain));
    }
}
