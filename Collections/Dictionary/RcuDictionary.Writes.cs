using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace RcuCollections;

// The write side. Every write takes its segment's lock, finds the key (all comparer calls happen here, before
// anything changes, so a throwing comparer leaves the segment untouched), then changes the chain with single
// release stores of int links. Readers run concurrently on the same arrays; the invariants that keep them safe:
//   W1  A slot is written only while no reader can reach it: never used, or recycled after a grace period
//       that began after it was unlinked (Segment remarks). Then one release store of a link publishes it.
//   W2  A published entry's HashCode and Key never change; its Value changes only in place when
//       s_isValueWriteAtomic; its Next changes by one release store that keeps every later live entry reachable.
//   W3  A replaced table is never written again; its arrays are pooled only after a grace period.
public sealed partial class RcuDictionary<TKey, TValue>
{
    /// <summary>Adds, replaces, or conditionally replaces the value of a key (see <see cref="UpsertMode"/>).</summary>
    /// <remarks><paramref name="current"/> receives the value stored for the key when the call returns (the existing one if nothing changed).</remarks>
    /// <returns>Whether the dictionary changed.</returns>
    private bool Upsert(TKey key, int hash, TValue value, UpsertMode mode, TValue comparisonValue, out TValue current)
    {
        ulong mixed = (uint)hash * _multiplier;
        int segmentIndex = (int)(mixed >> _segmentShift);
        Segment segment = _segments[segmentIndex];
        TValue replaced;
        lock (segment)
        {
            // Make sure a slot is ready before looking, so that no rebuild can move the chain after the search.
            if (mode != UpsertMode.ReplaceIfEqual || !s_isValueWriteAtomic) EnsureFreeSlot(segmentIndex, segment);
            Table table = segment.Table;
            int bucket = (int)((mixed << _segmentBits) >> table.BucketShift);
            int index = FindLocked(table, bucket, hash, key, out int predecessor);
            if (index == 0)
            {
                if (mode == UpsertMode.ReplaceIfEqual)
                {
                    current = default!;
                    return false;
                }
                int slot = TakeFreeSlot(segment, out bool recycled);
                if (recycled) BeginReuse(segmentIndex);
                ref Entry fresh = ref table.Entries[slot - 1];
                fresh.HashCode = hash;
                fresh.Key = key;
                fresh.Value = value;
                fresh.Next = table.Buckets[bucket];
                Link(table, bucket, predecessor: 0, slot); // W1: the entry is complete before this release store
                if (recycled) EndReuse(segmentIndex);
                AdjustCount(segment, +1);
                current = value;
                return true;
            }

            ref Entry existing = ref table.Entries[index - 1];
            if (mode == UpsertMode.AddOnly ||
                (mode == UpsertMode.ReplaceIfEqual && !EqualityComparer<TValue>.Default.Equals(existing.Value, comparisonValue)))
            {
                current = existing.Value;
                return false;
            }

            replaced = existing.Value;
            if (s_isValueWriteAtomic)
            {
                // W2: a reader loads the old or the new value, never a mix. A reference store has release semantics in
                // the .NET memory model, so a reader that loads the new reference sees the object it points to initialised.
                existing.Value = value;
            }
            else
            {
                // Wider values: write the pair into a fresh slot that continues the chain where the old one did, swing the
                // one link that pointed at the old slot (readers find exactly one instance of the key, old or new), and
                // recycle the old slot after a grace period.
                int slot = TakeFreeSlot(segment, out bool recycled);
                if (recycled) BeginReuse(segmentIndex);
                ref Entry fresh = ref table.Entries[slot - 1];
                fresh.HashCode = hash;
                fresh.Key = existing.Key;
                fresh.Value = value;
                fresh.Next = existing.Next;
                Link(table, bucket, predecessor, slot); // W1
                if (recycled) EndReuse(segmentIndex);
                RetireSlot(segmentIndex, segment, index);
            }
            current = value;
        }

        if (_disposeRemovedValues && !ReferenceEquals(replaced, value)) RetireValue(replaced);
        return true;
    }

    /// <summary>Removes a key, optionally only when it maps to <paramref name="expectedValue"/>.</summary>
    private bool RemoveInternal(TKey key, int hash, bool matchValue, TValue expectedValue, out TValue removed)
    {
        ulong mixed = (uint)hash * _multiplier;
        int segmentIndex = (int)(mixed >> _segmentShift);
        Segment segment = _segments[segmentIndex];
        lock (segment)
        {
            Table table = segment.Table;
            int bucket = (int)((mixed << _segmentBits) >> table.BucketShift);
            int index = FindLocked(table, bucket, hash, key, out int predecessor);
            if (index == 0 ||
                (matchValue && !EqualityComparer<TValue>.Default.Equals(table.Entries[index - 1].Value, expectedValue)))
            {
                removed = default!;
                return false;
            }

            ref Entry entry = ref table.Entries[index - 1];
            removed = entry.Value;
            // W2: readers standing on the removed entry keep following its (unchanged) Next; new readers skip it.
            Link(table, bucket, predecessor, entry.Next);
            RetireSlot(segmentIndex, segment, index);
            AdjustCount(segment, -1);
            ShrinkIfSparse(segmentIndex, segment);
        }

        if (_disposeRemovedValues) RetireValue(removed);
        return true;
    }

    /// <summary>
    /// Removes every pair. Each segment is emptied atomically under its lock (its table is swapped for the empty one),
    /// one segment after another: a concurrent reader or enumeration may see some segments cleared and others not.
    /// </summary>
    public void Clear()
    {
        List<TValue>? removedValues = _disposeRemovedValues ? new List<TValue>() : null;
        for (int i = 0; i < _segments.Length; i++)
        {
            Segment segment = _segments[i];
            lock (segment)
            {
                Table old = segment.Table;
                if (old == Table.Empty) continue;
                if (removedValues is not null) CollectValues(old, removedValues);
                Publish(i, segment, Table.Empty, nextUnused: 0);
                AdjustCount(segment, -segment.Count);
            }
        }

        if (removedValues is not null)
        {
            foreach (TValue value in removedValues) RetireValue(value);
        }
    }

    /// <summary>Finds a key in one chain. Caller holds the segment lock, so plain loads of links suffice.</summary>
    /// <returns>The key's 1-based slot index, or 0; <paramref name="predecessor"/> is the slot linking to it (0: the chain head).</returns>
    private int FindLocked(Table table, int bucket, int hash, TKey key, out int predecessor)
    {
        IEqualityComparer<TKey>? comparer = _comparer;
        Entry[] entries = table.Entries;
        predecessor = 0;
        int index = table.Buckets[bucket];
        while (index != 0)
        {
            ref Entry entry = ref entries[index - 1];
            if (entry.HashCode == hash &&
                (typeof(TKey).IsValueType && comparer is null
                    ? EqualityComparer<TKey>.Default.Equals(entry.Key, key)
                    : comparer!.Equals(entry.Key, key)))
            {
                return index;
            }
            predecessor = index;
            index = entry.Next;
        }
        return 0;
    }

    /// <summary>Sets the link that leads to a chain position: the bucket head, or the predecessor's Next.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Link(Table table, int bucket, int predecessor, int target)
    {
        // Release: everything written to the target slot before this store is visible to a reader whose acquire load
        // (TryGetValueInternal, SnapshotSegment) returns the new index.
        if (predecessor == 0) Volatile.Write(ref table.Buckets[bucket], target);
        else Volatile.Write(ref table.Entries[predecessor - 1].Next, target);
    }

    private static void AdjustCount(Segment segment, int delta)
    {
        // Release, so that Count's acquire loads see counts no older than the links published before them.
        Volatile.Write(ref segment.Count, segment.Count + delta);
        if (segment.Count > segment.HighWater) segment.HighWater = segment.Count;
        Debug.Assert(segment.Count >= 0);
    }

    private void RetireValue(TValue value)
    {
        // After the unlink: the grace period this starts covers every reader that could have loaded the value (E).
        if (value is IDisposable disposable) _domain.Retire(disposable);
    }

    private static void CollectValues(Table table, List<TValue> into)
    {
        foreach (int head in table.Buckets.AsSpan(0, table.BucketCount))
        {
            for (int index = head; index != 0; index = table.Entries[index - 1].Next)
            {
                into.Add(table.Entries[index - 1].Value);
            }
        }
    }
}
