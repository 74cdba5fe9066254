using System.Diagnostics;

namespace RcuCollections;

// Slot recycling and resizing, all under the segment lock (see Segment for the slot life cycle).
public sealed partial class RcuDictionary<TKey, TValue>
{
    /// <summary>
    /// Makes sure <see cref="TakeFreeSlot"/> will succeed: use a free or never-used slot, else recycle the sealed batch
    /// if its grace period has completed, else rebuild the table (grow, or compact at the same size).
    /// </summary>
    private void EnsureFreeSlot(int segmentIndex, Segment segment)
    {
        if (segment.FreeHead != 0 || segment.NextUnused < segment.Table.Capacity) return;
        if (TryRecycleSealed(segmentIndex, segment) && segment.FreeHead != 0) return;

        // No slot is reusable yet. Start the clock on what is open so a later exhaustion may find it reusable.
        if (segment.SealedCount == 0 && segment.OpenCount > 0) Seal(segment);

        int capacity = segment.Table.Capacity;
        int wanted = SegmentCapacityFor(2L * segment.Count);
        // If more slots wait for a grace period than are live, the grace periods are slow compared with this segment's
        // churn: double, so that the spare room outlasts a grace period and churn settles without rebuilding (or allocating).
        int newCapacity = Math.Max(wanted, segment.Pending > segment.Count ? capacity * 2 : capacity);
        if (segment.Count >= RcuDictionaryLimits.MaxSegmentCapacity)
            throw new InvalidOperationException("An RcuDictionary segment cannot hold more than 2^30 entries.");
        Rebuild(segmentIndex, segment, Math.Min(newCapacity, RcuDictionaryLimits.MaxSegmentCapacity));
        Debug.Assert(segment.NextUnused < segment.Table.Capacity);
    }

    /// <summary>Takes a slot made ready by <see cref="EnsureFreeSlot"/>; returns its 1-based index.</summary>
    /// <param name="segment">The segment (its lock is held).</param>
    /// <param name="recycled">Whether the slot was used before, so an optimistic reader may still be standing on it: the
    /// caller then brackets its fill with <see cref="BeginReuse"/> and <see cref="EndReuse"/>.</param>
    private static int TakeFreeSlot(Segment segment, out bool recycled)
    {
        int slot = segment.FreeHead;
        recycled = slot != 0;
        if (slot != 0)
        {
            // The free list is private to the writer: no reader can reach a free slot (W1), so plain accesses suffice.
            segment.FreeHead = segment.Table.Entries[slot - 1].Next;
            return slot;
        }
        Debug.Assert(segment.NextUnused < segment.Table.Capacity, "EnsureFreeSlot must run first.");
        return ++segment.NextUnused;
    }

    /// <summary>Queues an unlinked slot for reuse after a grace period.</summary>
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
        (segment.Open, segment.Sealed) = (segment.Sealed, segment.Open);
        segment.SealedCount = segment.OpenCount;
        segment.OpenCount = 0;
        // StartGracePeriodPoll begins with a full fence, ordering the unlinks of these slots before the grace period
        // it names: a reader that could still see them holds that grace period up.
        segment.SealedCookie = _domain.StartGracePeriodPoll();
    }

    /// <summary>If the sealed batch's grace period has completed, puts its slots on the free list.</summary>
    private bool TryRecycleSealed(int segmentIndex, Segment segment)
    {
        if (segment.SealedCount == 0 || !_domain.IsGracePeriodCompleted(segment.SealedCookie)) return false;
        Entry[] entries = segment.Table.Entries;
        // The grace period protects readers inside a section, not optimistic ones: make those re-check.
        BeginReuse(segmentIndex);
        foreach (int slot in segment.Sealed.AsSpan(0, segment.SealedCount))
        {
            // No reader can reach the slot any more (E): drop its references so they do not outlive the pair, then chain
            // it into the free list through Next.
            ref Entry entry = ref entries[slot - 1];
            entry.Key = default!;
            entry.Value = default!;
            entry.Next = segment.FreeHead;
            segment.FreeHead = slot;
        }
        segment.SealedCount = 0;
        EndReuse(segmentIndex);
        return true;
    }

    /// <summary>
    /// Opens a slot-reuse window (the generation becomes odd). The full fence of <see cref="Interlocked.Increment(ref int)"/>
    /// orders the odd value before every slot write that follows; pairs with the reader's re-check after
    /// <see cref="Volatile.ReadBarrier"/> in <see cref="TryGetOptimistic"/>.
    /// </summary>
    private void BeginReuse(int segmentIndex)
    {
        int odd = Interlocked.Increment(ref _tables[segmentIndex].Reuse);
        Debug.Assert((odd & 1) == 1, "reuse windows do not nest");
    }

    /// <summary>Closes the window (the generation is even again). Release: the slot writes are visible before the even value.</summary>
    private void EndReuse(int segmentIndex)
    {
        ref int reuse = ref _tables[segmentIndex].Reuse;
        Debug.Assert((reuse & 1) == 1);
        Volatile.Write(ref reuse, reuse + 1);
    }

    /// <summary>
    /// Rebuilds a segment at a quarter of its size or less when its count has fallen below 1/8 of the capacity and to a
    /// quarter of its high-water mark (hysteresis: grow at full, shrink far below). Retired slots need not drain first:
    /// the rebuilt table starts without them.
    /// </summary>
    private void ShrinkIfSparse(int segmentIndex, Segment segment)
    {
        int capacity = segment.Table.Capacity;
        if (capacity <= RcuDictionaryLimits.MinSegmentCapacity) return;
        if ((long)segment.Count * RcuDictionaryLimits.ShrinkDivisor >= capacity) return;
        if ((long)segment.Count * 4 > segment.HighWater) return;
        if (segment.Count == 0)
        {
            Publish(segmentIndex, segment, Table.Empty, nextUnused: 0);
            return;
        }
        Rebuild(segmentIndex, segment, SegmentCapacityFor(2L * segment.Count));
    }

    /// <summary>Copies the live entries of a segment into a fresh table of <paramref name="capacity"/> slots and publishes it.</summary>
    private void Rebuild(int segmentIndex, Segment segment, int capacity)
    {
        Debug.Assert(Monitor.IsEntered(segment) && segment.Count < capacity);
        Table old = segment.Table;
        Table fresh = Table.Rent(capacity);
        Entry[] from = old.Entries, to = fresh.Entries;
        int used = 0;
        // The old table is stable (we hold the lock) and unpublished slots of the new one are private: plain accesses.
        // Stored hash codes are reused, so no comparer runs here (a throwing comparer cannot interrupt a resize).
        foreach (int head in old.Buckets.AsSpan(0, old.BucketCount))
        {
            for (int index = head; index != 0; index = from[index - 1].Next)
            {
                ref Entry source = ref from[index - 1];
                int bucket = (int)((((uint)source.HashCode * _multiplier) << _segmentBits) >> fresh.BucketShift);
                ref Entry target = ref to[used];
                target.HashCode = source.HashCode;
                target.Key = source.Key;
                target.Value = source.Value;
                target.Next = fresh.Buckets[bucket];
                fresh.Buckets[bucket] = ++used;
            }
        }
        Debug.Assert(used == segment.Count);
        Publish(segmentIndex, segment, fresh, used);
    }

    /// <summary>Makes <paramref name="table"/> the segment's table and hands the old one to the domain for reclamation (W3).</summary>
    private void Publish(int segmentIndex, Segment segment, Table table, int nextUnused)
    {
        Table old = segment.Table;
        // Release: the new table's arrays are filled before readers can load it; pairs with the acquire in TryGetValueInternal.
        Volatile.Write(ref _tables[segmentIndex].Value, table);
        segment.Table = table;
        segment.NextUnused = nextUnused;
        segment.HighWater = nextUnused;
        segment.FreeHead = 0;
        // Slots retired in the old table need no recycling: the new one has fresh slots, and the old one as a whole
        // waits for a grace period below.
        segment.OpenCount = 0;
        segment.SealedCount = 0;
        // An unpooled table needs nothing after its grace period: the GC frees it once no reader references it.
        if (!old.IsPooled) return;
        try
        {
            _domain.Defer(old);
        }
        catch (ObjectDisposedException)
        {
            // The domain was disposed under us: its grace periods are over, so the old table is left to the GC rather
            // than pooled (a reader could conceivably still hold it; the GC keeps it alive as long as needed).
        }
    }
}
