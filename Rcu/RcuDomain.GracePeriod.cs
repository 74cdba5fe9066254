using System.Diagnostics;
using RcuCollections.Internal;

namespace RcuCollections;

// The grace-period side (QEMU's synchronize_rcu + FQS wait_for_readers).
//
// A grace period: under the registry lock advance _gpCtr by 2 (a release store) and snapshot the registered readers;
// if there are none, it is over. Otherwise repeat { G2 process-wide barrier; scan } until no reader holds a snapshot
// older than the new counter (invariant I1: a reader blocks the grace period iff Ctr != 0 && Ctr != _gpCtr).
//   The release store of the counter orders the caller's earlier unpublish stores before it: a reader that loads the
//      new counter (and is therefore not waited for) sees them. (This replaces QEMU's leading barrier, "G1", which
//      its relaxed counter store needs.)
//   G2 (before every scan) pairs with R1/R2 in RcuDomain.ReadSide.cs: it turns every reader's plain
//      ordering into a full fence at some point, so each scan either sees a reader's Ctr store or the
//      reader sees every store made before G2 (the unpublish, and Waiting = 1 in the forced state).
//      The G2 before the last scan also keeps the frees that follow the grace period after that scan.
//
// Normal state: scan, sleep PollInterval (cut short by Expedite/Barrier/a callback burst), scan again...
// Forced state (pending callbacks >= ForceAtPendingCallbacks, PollsBeforeForce polls done, or an Expedite or
// Barrier in progress): for every reader still holding up the grace period, run its force callbacks, set its
// ForceFlag and Waiting; then wait on _gpEvent, which such a reader sets when it leaves (ExitSlowPath).
// Unlike QEMU, a grace period always scans once before it may force, so readers that are already
// quiescent are never kicked: forcing costs only the readers that are really in the way.
public sealed partial class RcuDomain
{
    private readonly object _gpLock = new();       // guards _gpRunning; waiters Monitor.Wait on it
    private bool _gpRunning;                         // one grace period at a time (QEMU's rcu_sync_lock), under _gpLock
    private readonly object _registryLock = new(); // protects _registry (QEMU's rcu_registry_lock)
    private readonly List<ReaderRecord> _registry = new();
    private readonly List<ReaderRecord> _scan = new(); // readers still holding up the current GP; runner only
    private readonly ManualResetEventSlim _gpEvent = new(true);   // set by readers leaving in the forced state
    private readonly ManualResetEventSlim _wakeEvent = new(false); // interrupts a normal-state poll sleep

    private long _gpCtr;          // odd; +2 per grace period; written under both locks
    private long _gpStarted;      // grace periods started; written under both locks
    private long _gpCompleted;    // grace periods completed; written by the runner
    private int _expediteRequested; // sticky until a grace period forces
    private int _forcingWaiters;    // Barrier/Dispose calls in progress: force while > 0

    private long _forcedGracePeriods, _forceCallbacksInvoked, _callbackFailures, _slowPathExits, _globalBarriers;
    private long _readersPruned, _readersDiedInSection, _stallWarnings;

    /// <summary>
    /// Waits until a grace period has elapsed: every read-side section that began before the call has ended.
    /// Concurrent callers share grace periods. With quiescent readers this returns after one scan; with busy
    /// readers it polls (and forces after <see cref="RcuOptions.PollsBeforeForce"/> polls, or at once after
    /// <see cref="Expedite"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">Called inside a read section of this domain, from one of its callbacks, or on its grace-period thread (a stall handler or force callback).</exception>
    /// <exception cref="ObjectDisposedException">The domain was disposed.</exception>
    public void Synchronize()
    {
        ThrowIfDisposed();
        ThrowIfCannotWait(nameof(Synchronize));
        WaitForGracePeriod(NextGracePeriodTarget());
    }

    /// <summary>
    /// Asynchronously waits for a grace period; the callback thread drives it, so no thread blocks.
    /// Blocking on the result inside a read section of this domain throws <see cref="InvalidOperationException"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called inside a read section of this domain, or from one of its callbacks.</exception>
    /// <exception cref="ObjectDisposedException">The domain was disposed.</exception>
    public ValueTask SynchronizeAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ThrowIfCannotWait(nameof(SynchronizeAsync));
        if (cancellationToken.IsCancellationRequested) return ValueTask.FromCanceled(cancellationToken);
        EnterOperation(); // Dispose drains the waiter (runs its grace period) or this throws: it never hangs (D1)
        try
        {
            var waiter = new SynchronizeWaiter(this, NextGracePeriodTarget());
            lock (_asyncWaiters) _asyncWaiters.Add(waiter);
            waiter.AttachCancellation(cancellationToken);
            SignalCallbackThread();
            return waiter.AsValueTask();
        }
        finally
        {
            ExitOperation();
        }
    }

    /// <summary>
    /// Starts a grace period (or joins one that will start) and returns a cookie for it, without blocking.
    /// Anything unpublished before the call may be reclaimed once <see cref="IsGracePeriodCompleted"/> returns true.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The domain was disposed.</exception>
    public RcuGracePeriodCookie StartGracePeriodPoll()
    {
        EnterOperation(); // Dispose runs the polled grace period before the callback thread stops, or this throws (D1)
        try
        {
            long target = NextGracePeriodTarget();
            if (Volatile.Read(ref _gpCompleted) < target)
            {
                RaisePollTarget(target);
                SignalCallbackThread();
            }
            return new RcuGracePeriodCookie(target);
        }
        finally
        {
            ExitOperation();
        }
    }

    /// <summary>Asks the callback thread for grace period <paramref name="target"/> (monotonic: a lower request never lowers it).</summary>
    private void RaisePollTarget(long target)
    {
        long seen = Volatile.Read(ref _pollTarget);
        while (seen < target)
        {
            long prior = Interlocked.CompareExchange(ref _pollTarget, target, seen);
            if (prior == seen) break;
            seen = prior;
        }
    }

    /// <summary>Returns whether the grace period a cookie names has completed. Never blocks.</summary>
    public bool IsGracePeriodCompleted(RcuGracePeriodCookie cookie) => Volatile.Read(ref _gpCompleted) >= cookie.Sequence;

    /// <summary>
    /// Drives the current or next grace period into the forced state at once, interrupting a poll sleep
    /// (QEMU's force_rcu). It does not wait. A request made while no grace period is needed stays pending
    /// until the next one. On a disposed domain it does nothing.
    /// </summary>
    public void Expedite()
    {
        Volatile.Write(ref _expediteRequested, 1);
        _wakeEvent.Set();
        // A hint, not work: after Dispose there is nothing left to expedite, and the callback thread must not restart.
        if (!TryEnterOperation()) return;
        try
        {
            SignalCallbackThread();
        }
        finally
        {
            ExitOperation();
        }
    }

    /// <summary>The number of the first grace period that starts after this call: the one that serves it.</summary>
    private long NextGracePeriodTarget()
    {
        // Full fence: the caller's earlier unpublish stores are ordered before our read of _gpStarted. If we read
        // n, grace period n + 1 advances the counter after this read and runs G2 before each scan, so its scans
        // come after our stores (see the file header).
        Interlocked.MemoryBarrier();
        return Volatile.Read(ref _gpStarted) + 1;
    }

    /// <summary>
    /// Returns once grace period number <paramref name="target"/> has completed, running grace periods on this
    /// thread whenever none is running. Concurrent callers share grace periods: a caller whose target another
    /// thread's grace period covers just sleeps until it completes (no lock convoy behind the runner).
    /// </summary>
    private void WaitForGracePeriod(long target)
    {
        while (true)
        {
            lock (_gpLock)
            {
                while (true)
                {
                    if (Volatile.Read(ref _gpCompleted) >= target) return; // acquire: pairs with RunGracePeriod's release
                    if (!_gpRunning) break;
                    Monitor.Wait(_gpLock);
                }
                _gpRunning = true;
            }

            // Stall handlers and force callbacks run on this thread during the grace period: mark it, so that one that
            // waits for a grace period of this domain throws instead of waiting for itself (D9).
            RcuDomain? outer = ReaderRecordCache.GracePeriodOf;
            ReaderRecordCache.GracePeriodOf = this;
            try
            {
                RunGracePeriod();
            }
            finally
            {
                ReaderRecordCache.GracePeriodOf = outer;
                lock (_gpLock)
                {
                    _gpRunning = false;
                    Monitor.PulseAll(_gpLock);
                }
            }
        }
    }

    /// <summary>One whole grace period. The caller holds the runner role (<see cref="_gpRunning"/>).</summary>
    private void RunGracePeriod()
    {
        Debug.Assert(Volatile.Read(ref _gpRunning));
        long started = Stopwatch.GetTimestamp();
        long gp;
        bool counterAfterScan = RcuMutants.Is(RcuMutant.GpCtrAdvancedAfterScan); // mutant 1 (tests only)
        lock (_registryLock)
        {
            gp = _gpCtr + 2;
            // Release, after the caller's unpublish stores in program order: a reader whose R1 acquire load returns the
            // new counter (and so does not hold this grace period up) sees them. The G2 barrier before the first scan
            // orders this store before the scan's Ctr loads. _gpStarted pairs with NextGracePeriodTarget's fenced read.
            if (!counterAfterScan) Volatile.Write(ref _gpCtr, gp);
            Volatile.Write(ref _gpStarted, _gpStarted + 1);
            PruneDeadReadersLocked();
            _scan.Clear();
            _scan.AddRange(_registry);
        }

        // No G1 here (QEMU has one, because its counter store is relaxed): the release store above already orders the
        // unpublish before the counter, and the G2 that WaitForReaders runs before its first scan orders it before the scan.
        if (_scan.Count > 0) WaitForReaders(gp, started);
        if (counterAfterScan) Volatile.Write(ref _gpCtr, gp); // mutant 1: the counter advances only after the scan
        // Async sections are not registered readers: they are counted (RcuDomain.AsyncSections.cs), only once used.
        if (Volatile.Read(ref _asyncStripes) is { } stripes) WaitForAsyncSections(stripes, started);
        // else: no thread is registered, so nobody can hold anything: both barriers and the scan are skipped. A thread
        // that registers later takes the registry lock after we released it, so it sees every store we made before.

        // Release: everything the grace period proved (the last G2 and scan) happens before a waiter or a cookie poll
        // that reads the new value with an acquire load (WaitForGracePeriod, IsGracePeriodCompleted).
        Volatile.Write(ref _gpCompleted, _gpCompleted + 1);
        if (RcuMetrics.GracePeriodDuration.Enabled)
        {
            RcuMetrics.RecordGracePeriod(this, Stopwatch.GetElapsedTime(started));
        }
    }

    private void WaitForReaders(long gp, long startedTimestamp)
    {
        int polls = 0;
        bool forced = false;
        GlobalBarrier(); // G2
        ScanReaders(gp, forced, startedTimestamp);
        while (_scan.Count > 0)
        {
            if (!forced && ShouldForce(polls))
            {
                forced = true;
                Interlocked.Increment(ref _forcedGracePeriods);
                Volatile.Write(ref _expediteRequested, 0); // this grace period answers the request
                ForceReaders();
                GlobalBarrier(); // G2: orders the Waiting = 1 stores before the Ctr loads (pairs with R2)
                ScanReaders(gp, forced, startedTimestamp);
                if (_scan.Count == 0) break;
            }

            if (forced)
            {
                // Timed, so that a reader thread that died inside its section (it never signals) and the stall
                // warning are re-checked. The reset comes after the wait: a reader that leaves after the reset
                // has Waiting = 1 and sets the event again, or is seen by the scan below.
                _gpEvent.Wait((int)_pollIntervalMs);
                if (!RcuMutants.Is(RcuMutant.GpEventNotReset)) _gpEvent.Reset(); // mutant 5 skips the reset
            }
            else
            {
                if (_wakeEvent.Wait((int)_pollIntervalMs)) _wakeEvent.Reset();
                polls++;
            }

            GlobalBarrier(); // G2
            ScanReaders(gp, forced, startedTimestamp);
        }
    }

    // Heuristic inputs only: a stale value delays or advances forcing by one poll, never affects correctness.
    private bool ShouldForce(int polls) =>
        polls >= _options.PollsBeforeForce
        || Volatile.Read(ref _pendingCallbacks) >= _options.ForceAtPendingCallbacks
        || Volatile.Read(ref _forcingWaiters) > 0
        || Volatile.Read(ref _expediteRequested) != 0;

    /// <summary>Removes from <see cref="_scan"/> every reader that no longer holds up grace period <paramref name="gp"/>.</summary>
    private void ScanReaders(long gp, bool forced, long startedTimestamp)
    {
        for (int i = _scan.Count - 1; i >= 0; i--)
        {
            ReaderRecord r = _scan[i];
            long ctr = Volatile.Read(ref r.Hot.Ctr);
            bool quiescent = ctr == 0 || ctr == gp;
            if (!quiescent && !r.Owner.IsAlive)
            {
                // The thread ended inside a section (a guard was never disposed). Nothing it held can still be
                // used, so it cannot block anyone; report it once.
                quiescent = true;
                if (!r.DeathReported)
                {
                    r.DeathReported = true;
                    Interlocked.Increment(ref _readersDiedInSection);
                }
            }

            if (quiescent)
            {
                if (forced)
                {
                    // Only the forced state sets these; clearing them here means at worst one extra event set.
                    Volatile.Write(ref r.Hot.Waiting, r.FlavorBits);
                    Volatile.Write(ref r.Hot.ForceFlag, 0);
                }
                _scan[i] = _scan[^1];
                _scan.RemoveAt(_scan.Count - 1);
            }
            else
            {
                CheckStall(r, startedTimestamp);
            }
        }
    }

    /// <summary>Runs the force callbacks of every reader still in the way, then asks each to signal its exit.</summary>
    private void ForceReaders()
    {
        foreach (ReaderRecord r in _scan)
        {
            // Notify first, flag second (as QEMU): the callback makes the reader leave, the flag makes it tell us.
            foreach (Action callback in Volatile.Read(ref r.ForceCallbacks))
            {
                Interlocked.Increment(ref _forceCallbacksInvoked);
                try
                {
                    callback();
                }
                catch (Exception e)
                {
                    RaiseCallbackFailed(e, isForceCallback: true);
                }
            }
            // Ordered before the next scan's Ctr loads by the G2 barrier that follows ForceReaders (pairs with R2).
            Volatile.Write(ref r.Hot.ForceFlag, 1);
            Volatile.Write(ref r.Hot.Waiting, r.FlavorBits | ReaderHotState.WaitingBit);
        }
    }

    private void CheckStall(ReaderRecord r, long startedTimestamp)
    {
        TimeSpan threshold = _options.StallWarningThreshold;
        if (threshold == Timeout.InfiniteTimeSpan || r.StallReportedForGracePeriod == _gpCtr) return;
        TimeSpan waited = Stopwatch.GetElapsedTime(startedTimestamp);
        if (waited < threshold) return;
        r.StallReportedForGracePeriod = _gpCtr;
        Interlocked.Increment(ref _stallWarnings);
        RaiseReaderStalled(new RcuReaderStalledEventArgs(r.Owner.ManagedThreadId, r.Owner.Name, waited));
    }

    private void PruneDeadReadersLocked()
    {
        Debug.Assert(Monitor.IsEntered(_registryLock));
        for (int i = _registry.Count - 1; i >= 0; i--)
        {
            ReaderRecord r = _registry[i];
            // Mutant 2 (tests only) also prunes a live reader that is inside a section.
            if (r.Owner.IsAlive && !(RcuMutants.Is(RcuMutant.PruneReaderInSection) && Volatile.Read(ref r.Hot.Ctr) != 0)) continue;
            if (Volatile.Read(ref r.Hot.Ctr) != 0 && !r.DeathReported)
            {
                r.DeathReported = true;
                Interlocked.Increment(ref _readersDiedInSection);
            }
            _registry[i] = _registry[^1];
            _registry.RemoveAt(_registry.Count - 1);
            Interlocked.Increment(ref _readersPruned);
        }
    }

    /// <summary>QEMU's smp_mb_global(): a process-wide barrier in the asymmetric flavour, a full fence otherwise.</summary>
    private void GlobalBarrier()
    {
        if (_fullFence) Interlocked.MemoryBarrier();
        else Interlocked.MemoryBarrierProcessWide();
        Interlocked.Increment(ref _globalBarriers);
    }
}
