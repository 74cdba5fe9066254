using System.Diagnostics;
using System.Runtime.CompilerServices;
using RcuCollections.Benchmarks.Engines;

namespace RcuCollections.Benchmarks.Baselines.LegacyRcu;

// The read side (docs/design/rcu-algorithms.md §2, unchanged by the patch). Ordering, with the partner of each access:
//   lock   L1: store Ctr = 64-bit snapshot of _gpCtr, then smp_mb_placeholder: a full fence in the full-fence
//              flavour (QEMU's default build), nothing in the asymmetric one (its membarrier build), where the
//              writer's process-wide barrier G stands in. Pairs with G at the start of synchronize_rcu: either the
//              writer sees our Ctr, or we see its new pointers (store buffering).
//   unlock L2: store-release Ctr = 0, smp_mb_placeholder, then load Waiting. Pairs with the writer's
//              "store Waiting = 1; G; load Ctr": either the writer sees Ctr = 0, or we see Waiting and set the event.
public sealed partial class LegacyRcuDomain
{
    // A per-thread cache of the last record used; threads that read in several legacy domains fall back to the list.
    [ThreadStatic] private static LegacyReaderRecord? t_lastRecord;
    [ThreadStatic] private static List<LegacyReaderRecord>? t_records;

    private long _slowPathExits;

    /// <summary>Gets whether the calling thread is inside a section of this domain.</summary>
    public bool InReadSection => FindRecord() is { } r && r.Hot.Depth > 0;

    /// <summary>Gets false: the pre-patch engine has no per-reader force flag (only force_rcu notifiers).</summary>
    public bool ForceRequested => false;

    /// <summary>Enters a read-side section (rcu_read_lock); the guard's Dispose calls <see cref="ReadUnlock"/>.</summary>
    /// <returns>The guard.</returns>
    public EngineReadGuard ReadLock()
    {
        ReadLockCore();
        return new EngineReadGuard(this);
    }

    /// <inheritdoc />
    public void ReadPairs(int count)
    {
        for (int i = 0; i < count; i++)
        {
            ReadLockCore();
            ReadUnlock();
        }
    }

    /// <summary>rcu_read_lock without a guard: the caller must call <see cref="ReadUnlock"/> on the same thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ReadLockCore()
    {
        LegacyReaderRecord r = FindRecord() ?? Register();
        int depth = r.Hot.Depth;
        r.Hot.Depth = depth + 1;
        if (depth > 0)
            return; // a nested lock touches no shared memory
        Volatile.Write(ref r.Hot.Ctr, Volatile.Read(ref _gpCtr)); // L1 (relaxed in QEMU; a release store here)
        if (_fullFence)
            Interlocked.MemoryBarrier(); // smp_mb_placeholder: pairs with the writer's G (full-fence flavour)
    }

    /// <summary>Leaves a read-side section (rcu_read_unlock).</summary>
    /// <exception cref="InvalidOperationException">The thread is not inside a section of this domain.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ReadUnlock()
    {
        LegacyReaderRecord? r = FindRecord();
        if (r is null || r.Hot.Depth == 0)
            throw new InvalidOperationException("ReadUnlock without a matching ReadLock on this thread.");
        int depth = r.Hot.Depth - 1;
        r.Hot.Depth = depth;
        if (depth > 0)
            return;
        Volatile.Write(ref r.Hot.Ctr, 0); // L2: release, every access of the section happens before it
        if (_fullFence)
            Interlocked.MemoryBarrier(); // smp_mb_placeholder: orders the Ctr store before the Waiting load
        if (Volatile.Read(ref r.Hot.Waiting) != 0)
            UnlockSlowPath(r);
    }

    /// <inheritdoc />
    public IDisposable RegisterForceCallback(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        LegacyReaderRecord r = FindRecord() ?? Register();
        lock (_registryLock)
            r.ForceCallbacks = [.. r.ForceCallbacks, callback];
        return new Registration(this, r, callback);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void UnlockSlowPath(LegacyReaderRecord r)
    {
        // QEMU: store waiting = false (relaxed), then qemu_event_set(&rcu_gp_event).
        Volatile.Write(ref r.Hot.Waiting, 0);
        Interlocked.Increment(ref _slowPathExits);
        _gpEvent.Set();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private LegacyReaderRecord? FindRecord()
    {
        LegacyReaderRecord? r = t_lastRecord;
        if (r is not null && ReferenceEquals(r.Domain, this))
            return r;
        return FindRecordSlow();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private LegacyReaderRecord? FindRecordSlow()
    {
        if (t_records is null)
            return null;
        foreach (LegacyReaderRecord r in t_records)
        {
            if (ReferenceEquals(r.Domain, this))
            {
                t_lastRecord = r;
                return r;
            }
        }
        return null;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private LegacyReaderRecord Register()
    {
        ThrowIfDisposed();
        var record = new LegacyReaderRecord(this, Thread.CurrentThread);
        // rcu_register_thread: insert under the registry lock. A thread registering during a wait lands on the
        // pending list and is seen quiescent at the next scan (invariant I4).
        lock (_registryLock)
            _registry.Add(record);
        (t_records ??= []).RemoveAll(static r => r.Domain._disposed);
        t_records.Add(record);
        t_lastRecord = record;
        Debug.Assert(record.Hot.Depth == 0 && record.Hot.Ctr == 0, "A new record starts quiescent (I5).");
        return record;
    }

    private sealed class Registration(LegacyRcuDomain domain, LegacyReaderRecord record, Action callback) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
                return;
            lock (domain._registryLock)
            {
                var list = record.ForceCallbacks.ToList();
                list.Remove(callback);
                record.ForceCallbacks = [.. list];
            }
        }
    }
}
