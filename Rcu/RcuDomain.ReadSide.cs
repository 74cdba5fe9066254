using System.Diagnostics;
using System.Runtime.CompilerServices;
using RcuCollections.Internal;

namespace RcuCollections;

// The read side. Ordering in the default (asymmetric) flavour, with the partner of each access:
//   lock   R1: store Ctr = snapshot of _gpCtr (release). No fence: the grace-period side's process-wide
//              barrier G2 (RcuDomain.GracePeriod.cs) makes this store visible before it loads Ctr, or else
//              orders the GP's earlier unpublish before our later loads of protected data (store buffering).
//   unlock R2: store Ctr = 0 (release: every access of the section happens before it), then load Waiting.
//              Pairs with the GP's "store Waiting = 1; G2; load Ctr": either the GP sees Ctr = 0, or we see
//              Waiting = 1 and signal it, so a forced wait never misses our exit.
// The full-fence flavour adds Interlocked.MemoryBarrier() after R1 and R2 and the GP side then uses plain
// full fences. See docs/rcu-engine.md for the whole argument.
public sealed partial class RcuDomain
{
    /// <summary>
    /// Enters a read-side section and returns the guard that leaves it. Sections nest; only the outermost
    /// one touches the thread's record, and neither it nor its exit issues an interlocked instruction in the
    /// default flavour. The first call on a thread registers the thread with this domain.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The domain was disposed before this thread registered.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public RcuReadGuard ReadLock()
    {
        ReaderRecord r = (_slot == 0 ? ReaderRecordCache.Default : FindInstanceRecord()) ?? RegisterCurrentThread();
        long depth = r.Hot.Depth;
        r.Hot.Depth = depth + 1;
        if ((int)depth == 0) // outermost (the high half counts sections; see ReaderHotState.Depth)
        {
            // R1. The snapshot may be stale by the time it is stored; a stale snapshot only makes this
            // reader look "ongoing" to a newer grace period (invariant I1), which is conservative.
            Volatile.Write(ref r.Hot.Ctr, Volatile.Read(ref _gpCtr));
            if (_fullFence) Interlocked.MemoryBarrier(); // F1: pairs with the GP's full fence G2 (full-fence flavour)
        }
        return new RcuReadGuard(r, depth + 1);
    }

    /// <summary>Gets whether the calling thread is inside a read-side section of this domain.</summary>
    public bool InReadSection => CurrentRecord() is { } r && ReaderHotState.InSection(r.Hot.Depth);

    /// <summary>
    /// Gets whether the grace-period side has asked the calling thread to leave its section soon (the forced
    /// state). One volatile load of the thread's own record: cheap enough to poll in a long loop, then call
    /// <see cref="Quiescent"/> or leave the section.
    /// </summary>
    public bool ForceRequested => CurrentRecord() is { } r && Volatile.Read(ref r.Hot.ForceFlag) != 0;

    /// <summary>
    /// Reports a quiescent state without leaving the section: the thread leaves and re-enters its outermost
    /// section at once (QSBR-style checkpoint). Every reference read before the call must be considered
    /// invalid after it. Outside a section this does nothing.
    /// </summary>
    public void Quiescent()
    {
        ReaderRecord? r = CurrentRecord();
        if (r is null || !ReaderHotState.InSection(r.Hot.Depth)) return;
        ExitOutermost(r);
        // R1 again: a fresh snapshot equal to the current counter ends our hold on any grace period in flight.
        Volatile.Write(ref r.Hot.Ctr, Volatile.Read(ref _gpCtr));
        if (_fullFence) Interlocked.MemoryBarrier(); // F1
    }

    /// <summary>
    /// Registers a force callback for the calling thread (QEMU's force_rcu notifier). It runs on the
    /// grace-period side, only in the forced state and only while this thread holds up the grace period; it
    /// must not block and must have no effect beyond making this thread leave its section soon (set a flag,
    /// cancel a spin). Dispose the result to unregister it.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="callback"/> is null.</exception>
    public IDisposable RegisterForceCallback(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ReaderRecord r = CurrentRecord() ?? RegisterCurrentThread();
        lock (r)
        {
            Action[] current = r.ForceCallbacks;
            var next = new Action[current.Length + 1];
            current.CopyTo(next, 0);
            next[^1] = callback;
            Volatile.Write(ref r.ForceCallbacks, next); // the GP side reads a snapshot of the array reference
        }
        return new ForceCallbackRegistration(r, callback);
    }

    /// <summary>The outermost exit (R2). Called by <see cref="RcuReadGuard.Dispose"/> and <see cref="Quiescent"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void ExitOutermost(ReaderRecord r)
    {
        Volatile.Write(ref r.Hot.Ctr, 0); // R2 (release)
        if (r.Hot.FullFence) Interlocked.MemoryBarrier(); // F2: pairs with the GP's full fence G2 (full-fence flavour)
        // Mutant 4 (tests only) skips the slow path; tested only once Waiting is seen, so the fast path never pays for it.
        if (Volatile.Read(ref r.Hot.Waiting) != 0 && !RcuMutants.Is(RcuMutant.ExitSkipsWaitingCheck)) r.Domain.ExitSlowPath(r);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ExitSlowPath(ReaderRecord r)
    {
        // Only the forced state sets these; clearing them races benignly with the GP side's own clearing in its scan.
        Volatile.Write(ref r.Hot.Waiting, 0);
        Volatile.Write(ref r.Hot.ForceFlag, 0);
        Interlocked.Increment(ref _slowPathExits);
        _gpEvent.Set(); // wakes a forced wait; our Ctr = 0 store (R2) precedes this, so its next scan sees it
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReaderRecord? FindInstanceRecord()
    {
        ReaderRecord?[]? records = ReaderRecordCache.Instances;
        if (records is not null && (uint)_slot < (uint)records.Length)
        {
            ReaderRecord? r = records[_slot];
            // Slots are reused after a domain is disposed, so the record must be this domain's.
            if (r is not null && ReferenceEquals(r.Domain, this)) return r;
        }
        return null;
    }

    private ReaderRecord? CurrentRecord() => _slot == 0 ? ReaderRecordCache.Default : FindInstanceRecord();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ReaderRecord RegisterCurrentThread()
    {
        ThrowIfDisposed();
        var record = new ReaderRecord(this, Thread.CurrentThread);
        lock (_registryLock)
        {
            _registry.Add(record);
        }
        if (_slot == 0)
        {
            ReaderRecordCache.Default = record;
        }
        else
        {
            ReaderRecord?[]? records = ReaderRecordCache.Instances;
            if (records is null || records.Length <= _slot)
            {
                Array.Resize(ref records, Math.Max(_slot + 1, (records?.Length ?? 4) * 2));
                ReaderRecordCache.Instances = records;
            }
            records[_slot] = record;
        }
        Debug.Assert(record.Hot.Depth == 0 && record.Hot.Ctr == 0, "A new record starts outside any section.");
        return record;
    }
}
