using System.Diagnostics;

namespace RcuCollections;

// Invariants of a segment, checked at the end of every writer's lock block in Debug builds (AssertInvariants, in the
// style of System.Threading.Channels) and on demand by tests (CheckInvariants, in any build).
public sealed partial class RcuDictionary<TKey, TValue>
{
    /// <summary>
    /// Asserts the invariants of one segment. Caller holds its lock; compiled only into Debug builds. The O(1) checks run at
    /// every call; the scan of the slots runs after every rebuild and otherwise once per
    /// <c>capacity / <see cref="ScanAmortization"/></c> calls, so a write costs O(<see cref="ScanAmortization"/>) slot visits
    /// on average instead of O(capacity) (a Debug test filling 65,536 keys would otherwise take minutes).
    /// </summary>
    [Conditional("DEBUG")]
    private void AssertInvariants(int segmentIndex, Segment segment)
    {
#if DEBUG
        bool scan = segment.Rebuilds != segment.DebugRebuildsAtScan ||
                    ++segment.DebugCallsSinceScan >= segment.Table.Capacity / ScanAmortization;
        string? violation = scan ? FindViolation(segmentIndex, segment) : FindCheapViolation(segmentIndex, segment);
        if (scan)
        {
            segment.DebugCallsSinceScan = 0;
            segment.DebugRebuildsAtScan = segment.Rebuilds;
        }
        Debug.Assert(violation is null, violation);
#endif
    }

    /// <summary>Slots one Debug write visits on average for the amortised scan of <see cref="AssertInvariants"/>.</summary>
    private const int ScanAmortization = 64;

    /// <summary>Checks every segment under its lock (tests, any build).</summary>
    /// <exception cref="InvalidOperationException">An invariant does not hold; the message names it.</exception>
    internal void CheckInvariants()
    {
        for (int i = 0; i < _segments.Length; i++)
        {
            Segment segment = _segments[i];
            string? violation;
            lock (segment) violation = FindViolation(i, segment);
            if (violation is not null) throw new InvalidOperationException(violation);
        }
    }

    /// <summary>The first invariant that the O(1) checks find broken, or null. Caller holds the segment lock.</summary>
    private string? FindCheapViolation(int segmentIndex, Segment segment)
    {
        Debug.Assert(Monitor.IsEntered(segment));
        Table table = segment.Table;
        if (!(segment.Count <= segment.Used && segment.Used <= table.MaxUsed))
            return $"segment {segmentIndex}: expected Count <= Used <= MaxUsed, got {segment.Count}, {segment.Used}, {table.MaxUsed}";
        long state = Volatile.Read(ref _tables[segmentIndex].State);
        if ((state & GenerationOne) != 0) return $"segment {segmentIndex}: the reuse generation is odd outside a reuse window";
        if ((segment.Removals & 1) != 0) return $"segment {segmentIndex}: the removal count is odd outside a move";
        if ((int)state != (table.Shape | _shapeFlags)) return $"segment {segmentIndex}: the published shape {(int)state:x} does not match the table's {table.Shape | _shapeFlags:x}";
        if (!ReferenceEquals(Volatile.Read(ref _tables[segmentIndex].Entries), table.Entries)) return $"segment {segmentIndex}: readers see another table than the writer's";
        return null;
    }

    /// <summary>The first invariant of the segment that does not hold, or null (every check, a scan of the slots). Caller holds the segment lock.</summary>
    private string? FindViolation(int segmentIndex, Segment segment)
    {
        string? cheap = FindCheapViolation(segmentIndex, segment);
        if (cheap is not null) return cheap;
        Table table = segment.Table;
        Entry[] entries = table.Entries;

        int live = 0, tombstones = 0, reusable = 0;
        long probes = 0;
        for (int i = 0; i < Table.CapacityOf(entries); i++)
        {
            int meta = entries[i].Meta;
            if (meta < 0)
            {
                live++;
                probes += ProbesTo(table, i, meta);
            }
            else if (meta == TombstoneSlot) tombstones++;
            else if (meta == ReusableSlot) reusable++;
            else if (meta != EmptySlot) return $"segment {segmentIndex}: slot {i} has the unknown state {meta}";
        }
        if (Table.CapacityOf(entries) < entries.Length && entries[^1].Meta != EmptySlot)
            return $"segment {segmentIndex}: the scrambled table's extra slot is not empty";
        if (live != segment.Count) return $"segment {segmentIndex}: Count is {segment.Count} but {live} slots are live";
        if (live + tombstones + reusable != segment.Used)
            return $"segment {segmentIndex}: Used is {segment.Used} but {live} live + {tombstones} tombstones + {reusable} reusable slots are non-empty";
        if (tombstones != segment.Pending + segment.Orphaned)
            return $"segment {segmentIndex}: {tombstones} tombstones, but {segment.Pending} wait for a grace period and {segment.Orphaned} for the next rebuild";
        foreach (int slot in segment.Open.AsSpan(0, segment.OpenCount))
            if (entries[slot].Meta != TombstoneSlot) return $"segment {segmentIndex}: open-batch slot {slot} is not a tombstone";
        foreach (int slot in segment.Sealed.AsSpan(0, segment.SealedCount))
            if (entries[slot].Meta != TombstoneSlot) return $"segment {segmentIndex}: sealed-batch slot {slot} is not a tombstone";
        if (probes != segment.ProbeSum) return $"segment {segmentIndex}: ProbeSum is {segment.ProbeSum} but the live keys need {probes} probes";
        return null;
    }
}
