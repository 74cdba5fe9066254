using System.Diagnostics;

namespace RcuCollections.Benchmarks.Baselines.LegacyRcu;

// synchronize_rcu (docs/design/rcu-algorithms.md §3.1, the 64-bit single-phase form) and the legacy wait_for_readers
// (§3.2).
//   G (smp_mb_global) at the start orders the caller's unpublish stores before the counter advance and the Ctr
//     loads; pairs with L1 in the read side.
//   G on every iteration, after the waiting stores and before the Ctr loads, pairs with L2 (Ctr = 0; fence;
//     load Waiting): either the scan sees Ctr = 0 or the reader sees Waiting = 1 and sets the event. The G before
//     the last scan also keeps the frees after the grace period behind it.
public sealed partial class LegacyRcuDomain
{
    private readonly object _syncLock = new();      // rcu_sync_lock: serialises grace periods
    private readonly object _registryLock = new();  // rcu_registry_lock: the lists and the notifier lists
    private List<LegacyReaderRecord> _registry = [];     // readers not yet seen quiescent in this GP (all, between GPs)
    private List<LegacyReaderRecord> _qsReaders = [];    // readers seen quiescent in this GP; _syncLock only
    private readonly LegacyEvent _gpEvent = new(initiallySet: true); // rcu_gp_event, initially SET
    private long _gpCtr = 1;                            // bit 0 always set; +2 per GP (invariant I3: written under both locks)
    private int _inDrain;                               // in_drain_call_rcu
    private long _gracePeriods, _waitIterations, _writerSleeps, _writerWakeups, _globalBarriers, _forceCallbacksInvoked, _readersPruned;

    /// <summary>Waits for a grace period (synchronize_rcu): every section that began before the call has ended.</summary>
    /// <exception cref="InvalidOperationException">Called inside a section of this domain or from one of its callbacks.</exception>
    /// <exception cref="ObjectDisposedException">The domain was disposed.</exception>
    public void Synchronize()
    {
        ThrowIfCannotWait(nameof(Synchronize));
        SynchronizeCore();
    }

    private void SynchronizeCore()
    {
        lock (_syncLock)
        {
            GlobalBarrier(); // G: pairs with L1
            Monitor.Enter(_registryLock);
            try
            {
                if (_registry.Count == 0)
                    return; // nobody has ever read: no wait needed
                Volatile.Write(ref _gpCtr, _gpCtr + 2);
                WaitForReadersLocked();
                Interlocked.Increment(ref _gracePeriods);
            }
            finally
            {
                Monitor.Exit(_registryLock);
            }
        }
    }

    /// <summary>The legacy wait_for_readers. Entered and left with the registry lock held; releases it while waiting.</summary>
    private void WaitForReadersLocked()
    {
        Debug.Assert(Monitor.IsEntered(_registryLock) && Monitor.IsEntered(_syncLock));
        Debug.Assert(_qsReaders.Count == 0);
        while (true)
        {
            Interlocked.Increment(ref _waitIterations);
            // 1. Re-arm the event so that any reader exit from here on is noticed (reset → check → wait).
            _gpEvent.Reset();
            // 2. Ask every reader still pending to signal its exit. Repeated on every iteration (the F3 overhead).
            foreach (LegacyReaderRecord r in _registry)
                Volatile.Write(ref r.Hot.Waiting, 1);
            // 3. G: orders the Waiting stores before the Ctr loads (pairs with L2).
            GlobalBarrier();
            // 4. Scan, deletion-safe.
            bool draining = Volatile.Read(ref _inDrain) != 0;
            for (int i = _registry.Count - 1; i >= 0; i--)
            {
                LegacyReaderRecord r = _registry[i];
                if (!IsOngoing(r))
                {
                    _registry.RemoveAt(i);
                    if (r.Owner.IsAlive || r.Hot.Ctr != 0)
                        _qsReaders.Add(r);
                    else
                        Interlocked.Increment(ref _readersPruned); // port adaptation: the thread exited, drop its record
                    // Relaxed in QEMU: the only risk is one extra event set.
                    Volatile.Write(ref r.Hot.Waiting, 0);
                }
                else if (draining)
                {
                    // Only during drain_call_rcu, only for readers found ongoing, again on every iteration.
                    NotifyForceCallbacks(r);
                }
            }
            // 5. Done when every reader was seen quiescent.
            if (_registry.Count == 0)
                break;
            // 6. Sleep until some reader leaves (purely event-driven: no timeout, no polling).
            Interlocked.Increment(ref _writerSleeps);
            Monitor.Exit(_registryLock);
            try
            {
                _gpEvent.Wait();
                Interlocked.Increment(ref _writerWakeups);
            }
            finally
            {
                Monitor.Enter(_registryLock);
            }
        }
        // Swap the lists back: every reader is on the registry again for the next grace period.
        (_registry, _qsReaders) = (_qsReaders, _registry);
    }

    /// <summary>Invariant I1: the reader holds up the grace period iff it is in a section that began before the counter advanced.</summary>
    private bool IsOngoing(LegacyReaderRecord r)
    {
        long ctr = Volatile.Read(ref r.Hot.Ctr);
        if (ctr == 0 || ctr == _gpCtr)
            return false;
        // Port adaptation: a thread that died inside a section can never leave it; QEMU would wait forever.
        return r.Owner.IsAlive;
    }

    private void NotifyForceCallbacks(LegacyReaderRecord r)
    {
        // Runs on the writer with the registry lock held, as in QEMU; the array is copy-on-write, so a callback
        // that (re)registers cannot disturb this iteration.
        foreach (Action callback in r.ForceCallbacks)
        {
            Interlocked.Increment(ref _forceCallbacksInvoked);
            try
            {
                callback();
            }
            catch (Exception)
            {
                Interlocked.Increment(ref _callbackFailures);
            }
        }
    }

    /// <summary>smp_mb_global: a process-wide barrier in the asymmetric flavour, a full fence in the full-fence flavour.</summary>
    private void GlobalBarrier()
    {
        if (_fullFence)
            Interlocked.MemoryBarrier();
        else
            Interlocked.MemoryBarrierProcessWide();
        Interlocked.Increment(ref _globalBarriers);
    }
}
