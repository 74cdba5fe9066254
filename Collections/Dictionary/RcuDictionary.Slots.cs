using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace RcuCollections;

// Slot recycling and resizing, all under the segment lock (see Segment for the slot life cycle).
public sealed partial class RcuDictionary<TKey, TValue>
{
    /// <summary>
    /// Called when a pair needs an empty slot and the table has none to spare (W4): rebuilds it with only its live pairs,
    /// at the size their count calls for but never smaller than now (shrinking is <see cref="ShrinkIfSparse"/>'s job).
    /// Steady churn therefore compacts in place, reusing the segment's spare table. If the table replaced by the previous
    /// compaction at this size is not back as the spare yet, grace periods lag this segment's churn: compacting again would
    /// allocate, so the table doubles instead (up to <see cref="RcuDictionaryLimits.MaxChurnGrowth"/> times what its count
    /// needs), until its room outlasts a grace period.
    /// </summary>
    private void MakeRoom(int segmentIndex, Segment segment)
    {
        if (segment.Count >= RcuDictionaryLimits.MaxSegmentCapacity / 4 * 3)
            throw new InvalidOperationException("An RcuDictionary segment cannot hold more than 3 × 2^28 entries.");
        Table table = segment.Table;
        int current = table.Capacity;
        int needed = SegmentCapacityFor(segment.Count + 1L);
        int capacity = Math.Max(current, needed);
        if (capacity == current && table != Table.Empty)
        {
            // The spare is handed back by the callback thread; a stale read costs one allocation or one doubling.
            Table? spare = Volatile.Read(ref segment.Spare);
            bool spareReady = spare is not null && spare.Entries.Length == table.Entries.Length;
            if (!spareReady && segment.CompactedAt == current &&
                (long)current * 2 <= (long)needed * RcuDictionaryLimits.MaxChurnGrowth && current * 2 <= RcuDictionaryLimits.MaxSegmentCapacity)
            {
                capacity = current * 2;
            }
        }
        segment.CompactedAt = capacity == current ? current : 0;
        Rebuild(segmentIndex, segment, capacity);
        Debug.Assert(segment.Used < segment.Table.MaxUsed);
    }

    /// <summary>
    /// Moves a segment to scrambled placement: a rebuild at the current size (or the size its count needs, if larger). Not
    /// through <see cref="MakeRoom"/>, whose churn rule would read this rebuild as a compaction and might double the table.
    /// </summary>
    private void SwitchToScrambled(int segmentIndex, Segment segment)
    {
        segment.Scrambled = true;
        Rebuild(segmentIndex, segment, Math.Max(segment.Table.Capacity, SegmentCapacityFor(segment.Count + 1L)));
    }

    /// <summary>Queues a tombstoned slot for reuse after a grace period.</summary>
    private void RetireSlot(int segmentIndex, Segment segment, int slot)
    {
        if (segment.OpenCount == segment.Open.Length)
        {
            // Grows only while the churn rate outpaces the grace periods more than before; steady state allocates nothing.
            Array.Resize(ref segment.Open, Math.Max(RcuDictionaryLimits.SealThreshold * 2, segment.Open.Length * 2));
        }
        segment.Open[segment.OpenCount++] = slot;

        // Keep the pipeline moving: recycle a completed batch, then seal the open one once it is worth a poll's fence.
        if (segment.SealedCount > 0) TryRecycleSealed(segmentIndex, segment);
        if (segment.SealedCount == 0 && segment.OpenCount >= RcuDictionaryLimits.SealThreshold) Seal(segment);
    }

    /// <summary>Moves the open batch to the sealed one and starts (or joins) a grace period for it.</summary>
    private void Seal(Segment segment)
    {
        Debug.Assert(segment.SealedCount == 0 && segment.OpenCount > 0);
        // StartGracePeriodPoll begins with a full fence, ordering the tombstones of these slots (written before this call)
        // before the grace period it names: a reader that could still read them as live holds that grace period up.
        RcuGracePeriodCookie cookie;
        try
        {
            cookie = _domain.StartGracePeriodPoll();
        }
        catch (ObjectDisposedException)
        {
            // The domain was disposed during this write: no grace period will ever be polled for these slots. They stay
            // tombstones, which readers pass over, and the next rebuild drops them. Nothing else changes, so the write
            // that tombstoned them completes and leaves the segment consistent (D8).
            segment.Orphaned += segment.OpenCount;
            segment.OpenCount = 0;
            return;
        }
        (segment.Open, segment.Sealed) = (segment.Sealed, segment.Open);
        segment.SealedCount = segment.OpenCount;
        segment.OpenCount = 0;
        segment.SealedCookie = cookie;
    }

    /// <summary>If the sealed batch's grace period has completed, makes its slots reusable.</summary>
    private void TryRecycleSealed(int segmentIndex, Segment segment)
    {
        if (segment.SealedCount == 0 || (!_domain.IsGracePeriodCompleted(segment.SealedCookie) && !CollectionMutants.Is(CollectionMutant.RecycleSealedWithoutGracePeriod))) return; // mutant 6 skips the grace period
        Entry[] entries = segment.Table.Entries;
        // No reader in a read section can be on these slots any more (E). Dropping their references (so they do not
        // outlive the pair) rewrites them under optimistic readers, which must then re-check: a reuse window. Without
        // references, only the state changes, from one that readers pass over to another, and no window is needed.
        bool clear = RuntimeHelpers.IsReferenceOrContainsReferences<Entry>();
        if (clear) BeginReuse(segmentIndex);
        foreach (int slot in segment.Sealed.AsSpan(0, segment.SealedCount))
        {
            ref Entry entry = ref entries[slot];
            Debug.Assert(entry.Meta == TombstoneSlot);
            if (clear)
            {
                entry.Key = default!;
                entry.Value = default!;
            }
            entry.Meta = ReusableSlot;
        }
        segment.SealedCount = 0;
        if (clear) EndReuse(segmentIndex);
    }

    /// <summary>
    /// Opens a reuse window (the generation becomes odd). The full fence of <see cref="Interlocked.Increment(ref int)"/>
    /// orders the odd value before every slot write that follows; pairs with the reader's re-check after
    /// <see cref="Volatile.ReadBarrier"/> in <see cref="TryGetOptimistic"/>.
    /// </summary>
    private void BeginReuse(int segmentIndex)
    {
        long odd = Interlocked.Add(ref _tables[segmentIndex].State, GenerationOne);
        Debug.Assert((odd & GenerationOne) != 0, "reuse windows do not nest");
    }

    /// <summary>Closes the window (the generation is even again). Release: the slot writes are visible before the even value.</summary>
    private void EndReuse(int segmentIndex)
    {
        ref long state = ref _tables[segmentIndex].State;
        Debug.Assert((state & GenerationOne) != 0);
        Volatile.Write(ref state, state + GenerationOne);
    }

    /// <summary>
    /// Rebuilds a segment at a smaller size when its count has fallen below 1/<see cref="RcuDictionaryLimits.ShrinkDivisor"/>
    /// of the capacity and to a quarter of its high-water mark (hysteresis: grow at three quarters, shrink far below).
    /// Tombstones need not drain first: the rebuilt table starts without them.
    /// </summary>
    private void ShrinkIfSparse(int segmentIndex, Segment segment)
    {
        int capacity = segment.Table.Capacity;
        if (capacity <= RcuDictionaryLimits.MinSegmentCapacity) return;
        if ((long)segment.Count * RcuDictionaryLimits.ShrinkDivisor >= capacity) return;
        if ((long)segment.Count * 4 > segment.HighWater) return;
        if (segment.Count == 0)
        {
            Publish(segmentIndex, segment, Table.Empty, used: 0, probes: 0);
            return;
        }
        Rebuild(segmentIndex, segment, SegmentCapacityFor(segment.Count));
    }

    /// <summary>
    /// Copies the live pairs of a segment into an empty table of <paramref name="capacity"/> slots and publishes it. If
    /// multiplicative placement clusters them (more probes per key than random placement would need), the segment moves to
    /// scrambled placement and the copy is made again.
    /// </summary>
    private void Rebuild(int segmentIndex, Segment segment, int capacity)
    {
        Debug.Assert(Monitor.IsEntered(segment) && segment.Count < capacity - capacity / 4);
        Table fresh = Place(segment, capacity, segment.Scrambled, out long probes);
        if (!segment.Scrambled && segment.Count >= RcuDictionaryLimits.MinKeysForShapeCheck &&
            probes * 4 > (long)segment.Count * RcuDictionaryLimits.MaxMeanProbeTimes4)
        {
            segment.Scrambled = true;
            fresh = Place(segment, capacity, scrambled: true, out probes);
        }
        Publish(segmentIndex, segment, fresh, segment.Count, probes);
    }

    /// <summary>Places the live pairs of a segment into a new table; <paramref name="probes"/> is what finding them all would take.</summary>
    private Table Place(Segment segment, int capacity, bool scrambled, out long probes)
    {
        Table fresh = Table.Rent(segment, capacity, scrambled);
        Entry[] to = fresh.Entries;
        int mask = capacity - 1;
        int used = 0;
        probes = 0;
        // The old table is stable (we hold the lock) and the new one is private until published: plain accesses.
        // Stored tags are reused, so no comparer runs here (a throwing comparer cannot interrupt a resize).
        foreach (ref readonly Entry source in segment.Table.Entries.AsSpan())
        {
            if (source.Meta >= 0) continue; // not live
            int index = HomeSlot(Mix(source.Meta), to);
            probes++;
            while (to[index].Meta != EmptySlot)
            {
                index = (index + 1) & mask;
                probes++;
            }
            ref Entry target = ref to[index];
            target.Meta = source.Meta;
            target.Key = source.Key;
            target.Value = source.Value;
            used++;
        }
        Debug.Assert(used == segment.Count);
        return fresh;
    }

    /// <summary>Makes <paramref name="table"/> the segment's table and hands the old one to the domain for reclamation (W3).</summary>
    private void Publish(int segmentIndex, Segment segment, Table table, int used, long probes)
    {
        Table old = segment.Table;
        // Optimistic readers still probing the old table must re-check: it may be cleared and refilled as a spare once
        // its grace period has passed, and they hold up no grace period.
        bool window = !CollectionMutants.Is(CollectionMutant.PublishWithoutReuseWindow); // mutant 8 swaps outside a window
        if (window) BeginReuse(segmentIndex);
        ref TableSlot published = ref _tables[segmentIndex];
        // Inside the window (the generation is odd): a reader that pairs the new shape with the old array retries.
        published.State = (published.State & ~0xFFFF_FFFFL) | (uint)(table.Shape | _shapeFlags);
        // Release: the new table's slots are filled before readers can load it; pairs with the acquire loads in TryGet*.
        Volatile.Write(ref published.Entries, table.Entries);
        if (window) EndReuse(segmentIndex);
        Volatile.Write(ref segment.Table, table); // release: read racily by Table.Invoke on the callback thread
        segment.Used = used;
        segment.HighWater = used;
        segment.ProbeSum = probes;
        segment.Rebuilds++;
        if (table == Table.Empty) segment.Scrambled = false; // an empty segment starts afresh
        // Tombstones of the old table need no recycling: the new one has none, and the old one as a whole waits for a
        // grace period below.
        segment.OpenCount = 0;
        segment.SealedCount = 0;
        segment.Orphaned = 0;
        if (old == Table.Empty) return;
        try
        {
            // Under the segment lock: never wait for back-pressure here, a callback may need this lock (D4). The public
            // write calls WaitForCallbackCapacity once the lock is released.
            _domain.Defer(old, waitForCapacity: false);
        }
        catch (ObjectDisposedException)
        {
            // The domain was disposed under us: its grace periods are over, so the old table is left to the GC rather
            // than kept as a spare (a reader could conceivably still hold it; the GC keeps it alive as long as needed).
        }
    }
}
