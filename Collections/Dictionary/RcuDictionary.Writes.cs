using RcuCollections.Internal;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace RcuCollections;

// The write side. Every write takes its segment's lock, finds the key (all comparer calls happen here, before
// anything changes, so a throwing comparer leaves the segment untouched), then changes slots with single release
// stores of their state. Readers run concurrently on the same arrays; the invariants that keep them safe:
//   W1  A pair is written into a slot only while no reader can read it as live: an empty slot, or a reusable one (its
//       grace period has passed) inside a reuse window. Then one release store of its tag publishes it (TryFill).
//   W2  A published pair's key never changes; its value changes only in place when s_isValueWriteAtomic; its state
//       changes only to a tombstone. A key never moves to another slot except by a replace of a wide value, which
//       publishes the new slot further along the probe sequence before it tombstones the old one.
//   W3  A replaced table is not written again until a grace period has passed (then it may become a spare), and its
//       swap is inside a reuse window, so optimistic readers of the old one retry.
//   W4  At most three quarters of a table's slots are non-empty, so every probe sequence ends at an empty slot.
public sealed partial class RcuDictionary<TKey, TValue>
{
    /// <summary>Adds, replaces, or conditionally replaces the value of a key (see <see cref="UpsertMode"/>).</summary>
    /// <remarks><paramref name="current"/> receives the value stored for the key when the call returns (the existing one if nothing changed).</remarks>
    /// <returns>Whether the dictionary changed.</returns>
    private bool Upsert(TKey key, int hash, TValue value, UpsertMode mode, TValue comparisonValue, out TValue current)
    {
        int tag = TagOf(hash);
        ulong mixed = Mix(tag);
        int segmentIndex = (int)(mixed >> _segmentShift);
        Segment segment = _segments[segmentIndex];
        TValue replaced;
        bool retireReplaced = false;
        try
        {
            lock (segment)
            {
                try
                {
                    ThrowIfDomainDisposed();
                    while (true)
                    {
                        Entry[] entries = segment.Table.Entries;
                        int index = FindLocked(entries, tag, mixed, key, out int vacancy);
                        if (index < 0)
                        {
                            if (mode == UpsertMode.ReplaceIfEqual)
                            {
                                current = default!;
                                return false;
                            }
                            if (IsFarFromHome(segment, vacancy, mixed))
                            {
                                // Defence against long probe sequences: keys that multiplicative placement clusters (hostile, or
                                // hash codes with a large power-of-two stride) move to scrambled placement, at the same size.
                                SwitchToScrambled(segmentIndex, segment);
                                continue;
                            }
                            if (!TryFill(segmentIndex, segment, vacancy, tag, key, value))
                            {
                                MakeRoom(segmentIndex, segment);
                                continue; // the rebuilt table has an empty slot on the key's probe sequence
                            }
                            AdjustCount(segment, +1);
                            if (IsClustered(segment))
                            {
                                // The live keys now need more probes on average than random placement would at any load we allow:
                                // move the segment to scrambled placement (the insert itself is done).
                                SwitchToScrambled(segmentIndex, segment);
                            }
                            current = value;
                            return true;
                        }

                        ref Entry existing = ref entries[index];
                        if (mode == UpsertMode.AddOnly ||
                            (mode == UpsertMode.ReplaceIfEqual && !EqualityComparer<TValue>.Default.Equals(existing.Value, comparisonValue)))
                        {
                            current = existing.Value;
                            return false;
                        }

                        replaced = existing.Value;
                        // Decided before anything changes (it may run the value's Equals, user code): storing a value equal to
                        // the one stored replaces nothing that could be disposed (a struct is never reference-equal to itself).
                        retireReplaced = _disposeRemovedValues && replaced is IDisposable && !IsSameValue(replaced, value);
                        if (s_isValueWriteAtomic)
                        {
                            // W2: a reader loads the old or the new value, never a mix. A reference store has release semantics in
                            // the .NET memory model, so a reader that loads the new reference sees the object it points to initialised.
                            existing.Value = value;
                        }
                        else if (!TryMove(segmentIndex, segment, index, value))
                        {
                            MakeRoom(segmentIndex, segment);
                            continue;
                        }
                        current = value;
                        break;
                    }
                }
                finally
                {
                    AssertInvariants(segmentIndex, segment);
                }
            }
        }
        finally
        {
            // D4: back-pressure only once the segment lock is released (Publish deferred under it without waiting).
            _domain.WaitForCallbackCapacity();
        }

        if (retireReplaced) RetireValue(replaced);
        return true;
    }

    /// <summary>Whether storing <paramref name="b"/> over <paramref name="a"/> replaces nothing: the same object, or an equal struct.</summary>
    private static bool IsSameValue(TValue a, TValue b) =>
        typeof(TValue).IsValueType ? EqualityComparer<TValue>.Default.Equals(a, b) : ReferenceEquals(a, b);

    /// <summary>
    /// Replaces a value too wide to store atomically: the pair goes to the first vacancy after its slot in probe order, then
    /// the old slot is tombstoned (W2). A reader finds exactly one instance throughout: the old one until the tombstone,
    /// then the new one, which was published first and lies further along the same probe sequence.
    /// </summary>
    /// <returns>False, changing nothing, when the move needs an empty slot and the table has none to spare.</returns>
    private bool TryMove(int segmentIndex, Segment segment, int index, TValue value)
    {
        Entry[] entries = segment.Table.Entries;
        int mask = segment.Table.Capacity - 1;
        int target = (index + 1) & mask;
        // W4: the walk ends at an empty slot at the latest, passing live pairs and tombstones.
        while (entries[target].Meta != EmptySlot && entries[target].Meta != ReusableSlot) target = (target + 1) & mask;
        if (entries[target].Meta == EmptySlot && segment.Used >= segment.Table.MaxUsed) return false;
        // The removal count is odd while the pair is in two slots (SnapshotSegment retries then): raised before the new
        // slot is published, raised again after the old one is tombstoned. An enumeration whose scan saw both slots saw
        // an odd count or a changed one, never the same even count (hostile finding H3: with one increment before, a scan
        // that started after it and saw both slots before the tombstone yielded the key twice).
        Volatile.Write(ref segment.Removals, segment.Removals + 1);
        ref Entry old = ref entries[index];
        bool filled = TryFill(segmentIndex, segment, target, old.Meta, old.Key, value);
        Debug.Assert(filled);
        Tombstone(segmentIndex, segment, index, countRemoval: false);
        Volatile.Write(ref segment.Removals, segment.Removals + 1); // release: after the tombstone; even again
        return true;
    }

    /// <summary>Whether a vacancy lies further than <see cref="RcuDictionaryLimits.MaxDisplacement"/> slots from the home slot in a table that is not scrambled yet.</summary>
    private bool IsFarFromHome(Segment segment, int vacancy, ulong mixed)
    {
        Table table = segment.Table;
        if (table.IsScrambled || table == Table.Empty) return false;
        int displacement = (vacancy - HomeSlot(mixed, table.Entries)) & (table.Capacity - 1);
        return displacement > RcuDictionaryLimits.MaxDisplacement;
    }

    /// <summary>
    /// Whether a multiplicatively placed segment of at least <see cref="RcuDictionaryLimits.MinKeysForShapeCheck"/> keys needs
    /// more than <see cref="RcuDictionaryLimits.MaxLiveMeanProbeTimes4"/> / 4 probes per key (kept in
    /// <see cref="Segment.ProbeSum"/> as pairs come and go).
    /// </summary>
    private static bool IsClustered(Segment segment) =>
        !segment.Table.IsScrambled && segment.Count >= RcuDictionaryLimits.MinKeysForShapeCheck &&
        segment.ProbeSum * 4 > (long)segment.Count * RcuDictionaryLimits.MaxLiveMeanProbeTimes4;

    /// <summary>Removes a key, optionally only when it maps to <paramref name="expectedValue"/>.</summary>
    private bool RemoveInternal(TKey key, int hash, bool matchValue, TValue expectedValue, out TValue removed)
    {
        int tag = TagOf(hash);
        ulong mixed = Mix(tag);
        int segmentIndex = (int)(mixed >> _segmentShift);
        Segment segment = _segments[segmentIndex];
        lock (segment)
        {
            ThrowIfDomainDisposed();
            Entry[] entries = segment.Table.Entries;
            int index = FindLocked(entries, tag, mixed, key, out _);
            if (index < 0 || (matchValue && !EqualityComparer<TValue>.Default.Equals(entries[index].Value, expectedValue)))
            {
                AssertInvariants(segmentIndex, segment);
                removed = default!;
                return false;
            }

            removed = entries[index].Value;
            // W2: readers standing on the slot keep reading the (unchanged) pair; new readers pass over it.
            Tombstone(segmentIndex, segment, index, countRemoval: true);
            AdjustCount(segment, -1);
            ShrinkIfSparse(segmentIndex, segment);
            AssertInvariants(segmentIndex, segment);
        }

        _domain.WaitForCallbackCapacity(); // D4: back-pressure only outside the segment lock

        if (_disposeRemovedValues) RetireValue(removed);
        return true;
    }

    /// <summary>
    /// Removes every pair. Each segment is emptied atomically under its lock (its table is swapped for the empty one),
    /// one segment after another: a concurrent reader or enumeration may see some segments cleared and others not.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The dictionary's <see cref="Domain"/> is disposed (nothing changes).</exception>
    public void Clear()
    {
        List<TValue>? removedValues = _disposeRemovedValues ? new List<TValue>() : null;
        for (int i = 0; i < _segments.Length; i++)
        {
            Segment segment = _segments[i];
            lock (segment)
            {
                ThrowIfDomainDisposed();
                Table old = segment.Table;
                if (old == Table.Empty) continue;
                if (removedValues is not null) CollectValues(old, removedValues);
                Publish(i, segment, Table.Empty, used: 0, probes: 0);
                AdjustCount(segment, -segment.Count);
                AssertInvariants(i, segment);
            }

            _domain.WaitForCallbackCapacity(); // D4: back-pressure only outside the segment lock
        }

        if (removedValues is not null)
        {
            foreach (TValue value in removedValues) RetireValue(value);
        }
    }

    /// <summary>Finds a key by linear probing. Caller holds the segment lock, so plain loads suffice.</summary>
    /// <param name="entries">The segment's current slots.</param>
    /// <param name="tag">The key's tag.</param>
    /// <param name="mixed">The mixed tag.</param>
    /// <param name="key">The key.</param>
    /// <param name="vacancy">Where an absent key would go: the first reusable slot of its probe sequence, else the empty slot that ends it.</param>
    /// <returns>The key's slot index, or -1.</returns>
    private int FindLocked(Entry[] entries, int tag, ulong mixed, TKey key, out int vacancy)
    {
        IEqualityComparer<TKey>? comparer = _comparer;
        int mask = Table.CapacityOf(entries) - 1;
        int index = HomeSlot(mixed, entries);
        vacancy = -1;
        for (int probes = mask; probes >= 0; probes--)
        {
            ref Entry entry = ref entries[index];
            int meta = entry.Meta;
            if (meta == tag &&
                (typeof(TKey).IsValueType && comparer is null
                    ? EqualityComparer<TKey>.Default.Equals(entry.Key, key)
                    : comparer!.Equals(entry.Key, key)))
            {
                return index;
            }
            if (meta == EmptySlot)
            {
                if (vacancy < 0) vacancy = index;
                return -1;
            }
            if (meta == ReusableSlot && vacancy < 0) vacancy = index;
            index = (index + 1) & mask;
        }
        Debug.Fail("W4: a probe sequence always ends at an empty slot");
        return -1;
    }

    /// <summary>
    /// Writes a pair into a vacant slot and publishes it (W1). A reusable slot is refilled inside a reuse window (an
    /// optimistic reader may still be reading its old pair); an empty one needs none (a reader that saw it empty stopped
    /// there) but consumes one of the table's <see cref="Table.MaxUsed"/> non-empty slots.
    /// </summary>
    /// <returns>False, changing nothing, when the slot is empty and the table has no empty slot to spare (W4).</returns>
    private bool TryFill(int segmentIndex, Segment segment, int slot, int tag, TKey key, TValue value)
    {
        Table table = segment.Table;
        ref Entry entry = ref table.Entries[slot];
        bool reuse = entry.Meta == ReusableSlot;
        Debug.Assert(reuse || entry.Meta == EmptySlot);
        if (!reuse)
        {
            if (segment.Used >= table.MaxUsed) return false;
            segment.Used++;
        }
        else
        {
            BeginReuse(segmentIndex);
        }
        entry.Key = key;
        entry.Value = value;
        // Release: the key and value are visible to a reader whose acquire load of Meta returns the tag (TryGet*, SnapshotSegment).
        Volatile.Write(ref entry.Meta, tag);
        if (reuse) EndReuse(segmentIndex);
        segment.ProbeSum += ProbesTo(table, slot, tag);
        return true;
    }

    /// <summary>The probes a successful lookup of the pair with <paramref name="tag"/> in <paramref name="slot"/> makes: its distance from home, plus one.</summary>
    private int ProbesTo(Table table, int slot, int tag) => ((slot - HomeSlot(Mix(tag), table.Entries)) & (table.Capacity - 1)) + 1;

    /// <summary>Marks a live slot removed and queues it for reuse after a grace period.</summary>
    private void Tombstone(int segmentIndex, Segment segment, int slot, bool countRemoval)
    {
        // Release, before the slot changes: an enumeration that sees the tombstone sees the count change (SnapshotSegment).
        if (countRemoval) Volatile.Write(ref segment.Removals, segment.Removals + 2); // stays even: odd marks a move in progress
        ref int meta = ref segment.Table.Entries[slot].Meta;
        segment.ProbeSum -= ProbesTo(segment.Table, slot, meta);
        // Readers need no ordering here: one that still loads the tag reads the unchanged pair (W2), one that loads the
        // tombstone passes over it.
        Volatile.Write(ref meta, TombstoneSlot);
        RetireSlot(segmentIndex, segment, slot);
    }

    private static void AdjustCount(Segment segment, int delta)
    {
        // Release, so that Count's acquire loads see counts no older than the slots published before them.
        Volatile.Write(ref segment.Count, segment.Count + delta);
        if (segment.Count > segment.HighWater) segment.HighWater = segment.Count;
        Debug.Assert(segment.Count >= 0 && segment.Count <= segment.Used);
    }

    private void RetireValue(TValue value)
    {
        // After the tombstone: the grace period this starts covers every reader that could have loaded the value (E).
        if (value is not IDisposable disposable) return;
        try
        {
            _domain.Retire(disposable);
        }
        catch (ObjectDisposedException)
        {
            // The domain began its disposal after this write changed the map (a write on a disposed domain throws before it
            // changes anything). Its disposal ends with a last grace period that waits for every reader that could hold
            // the value: dispose it then, rather than lose its disposal or dispose it under a reader.
            AfterDomainDisposal.Dispose(_domain, disposable);
        }
    }

    /// <summary>Refuses a write on a disposed domain before anything changes (called first under the segment lock).</summary>
    private void ThrowIfDomainDisposed()
    {
        if (_domain.IsDisposed) ThrowDomainDisposed();
    }

    [DoesNotReturn]
    private static void ThrowDomainDisposed() =>
        throw new ObjectDisposedException(nameof(RcuDomain), "The dictionary's RCU domain was disposed; the dictionary can still be read but no longer written.");

    private static void CollectValues(Table table, List<TValue> into)
    {
        foreach (ref readonly Entry entry in table.Entries.AsSpan())
        {
            if (entry.Meta < 0) into.Add(entry.Value);
        }
    }
}
