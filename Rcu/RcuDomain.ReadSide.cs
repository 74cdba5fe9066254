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
    /// default flavour. The first call on a thread registers the thread with this domain. A thread that enters
    /// sections in a loop can look its record up once instead: <see cref="GetThreadReader"/>.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The domain was disposed before this thread registered.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public RcuReadGuard ReadLock()
    {
        // One unconditional thread-static load, which the JIT can hoist out of a caller's loop; the domain check is
        // one compare. A miss (first use on this thread, or it last used another domain) goes out of line.
        ReaderRecord? r = ReaderRecordCache.Last;
        if (r is null || !ReferenceEquals(r.Domain, this)) r = RecordForReadLock();
        return Enter(this, r);
    }

    /// <summary>
    /// Returns the calling thread's reader for this domain (registering the thread if needed): a handle that enters
    /// sections without looking the thread's record up again, for a thread that reads in a loop (the way liburcu's
    /// registered readers and QEMU's vCPU threads do). Being a <c>ref struct</c>, it cannot leave the stack of the thread
    /// that obtained it, so it is always used by its own thread.
    /// </summary>
    /// <returns>The handle.</returns>
    /// <exception cref="ObjectDisposedException">The domain was disposed before this thread registered.</exception>
    public RcuThreadReader GetThreadReader() => new(FindRecord() ?? RegisterCurrentThread());

    /// <summary>The outermost-or-nested entry shared by <see cref="ReadLock"/> and <see cref="RcuThreadReader.ReadLock"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static RcuReadGuard Enter(RcuDomain domain, ReaderRecord r)
    {
        Debug.Assert(ReferenceEquals(r.Domain, domain));
        long depth = r.Hot.Depth;
        r.Hot.Depth = depth + 1;
        if ((int)depth == 0) // outermost (the high half counts sections; see ReaderHotState.Depth)
        {
            // R1. The snapshot may be stale by the time it is stored; a stale snapshot only makes this
            // reader look "ongoing" to a newer grace period (invariant I1), which is conservative.
            Volatile.Write(ref r.Hot.Ctr, Volatile.Read(ref domain._gpCtr));
            // The flavour is a word of the record's own line, already loaded: the default path pays one predicted branch.
            if (r.Hot.FullFence) Interlocked.MemoryBarrier(); // F1: pairs with the GP's full fence G2 (full-fence flavour)
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
        if (r is not null) QuiescentOn(r);
    }

    /// <summary><see cref="Quiescent()"/> for a known record (also <see cref="RcuThreadReader.Quiescent"/>).</summary>
    internal static void QuiescentOn(ReaderRecord r)
    {
        if (!ReaderHotState.InSection(r.Hot.Depth)) return;
        ExitOutermost(r);
        // R1 again: a fresh snapshot equal to the current counter ends our hold on any grace period in flight.
        Volatile.Write(ref r.Hot.Ctr, Volatile.Read(ref r.Domain._gpCtr));
        if (r.Hot.FullFence) Interlocked.MemoryBarrier(); // F1
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

    /// <summary>The outermost exit (R2). Called by <see cref="RcuReadGuard.Dispose"/> and <see cref="Quiescent()"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void ExitOutermost(ReaderRecord r)
    {
        Volatile.Write(ref r.Hot.Ctr, 0); // R2 (release)
        // One load decides the default path: Waiting is 0 unless the full-fence flavour bit (constant for the record,
        // kept by every writer of the word) or the GP side's "signal me" bit is set.
        int waiting = Volatile.Read(ref r.Hot.Waiting);
        if (waiting != 0)
        {
            if ((waiting & ReaderHotState.FullFenceFlavorBit) != 0)
            {
                Interlocked.MemoryBarrier(); // F2: pairs with the GP's full fence G2 (full-fence flavour)
                waiting = Volatile.Read(ref r.Hot.Waiting); // after the fence: the load R2 pairs with
            }
            // Mutant 4 (tests only) skips the slow path; tested only once Waiting is seen, so the fast path never pays for it.
            if ((waiting & ReaderHotState.WaitingBit) != 0 && !RcuMutants.Is(RcuMutant.ExitSkipsWaitingCheck)) r.Domain.ExitSlowPath(r);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ExitSlowPath(ReaderRecord r)
    {
        // Only the forced state sets these; clearing them races benignly with the GP side's own clearing in its scan.
        Volatile.Write(ref r.Hot.Waiting, r.FlavorBits);
        Volatile.Write(ref r.Hot.ForceFlag, 0);
        Interlocked.Increment(ref _slowPathExits);
        _gpEvent.Set(); // wakes a forced wait; our Ctr = 0 store (R2) precedes this, so its next scan sees it
    }

    /// <summary>The slow part of <see cref="ReadLock"/>: finds (or registers) the record and makes it the thread's last one.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ReaderRecord RecordForReadLock()
    {
        ReaderRecord r = FindRecord() ?? RegisterCurrentThread();
        ReaderRecordCache.Last = r;
        return r;
    }

    /// <summary>The calling thread's record for this domain, or null if it never registered.</summary>
    private ReaderRecord? FindRecord()
    {
        if (_slot == 0) return ReaderRecordCache.Default;
        ReaderRecord?[]? records = ReaderRecordCache.Instances;
        if (records is not null && (uint)_slot < (uint)records.Length)
        {
            ReaderRecord? r = records[_slot];
            // Slots are reused after a domain is disposed, so the record must be this domain's.
            if (r is not null && ReferenceEquals(r.Domain, this)) return r;
        }
        return null;
    }

    private ReaderRecord? CurrentRecord()
    {
        ReaderRecord? last = ReaderRecordCache.Last;
        return last is not null && ReferenceEquals(last.Domain, this) ? last : FindRecord();
    }

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
