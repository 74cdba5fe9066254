namespace RcuCollections;

public sealed partial class RcuDictionary<TKey, TValue>
{
    /// <summary>
    /// The writer-side state of one segment. The object itself is the segment's lock (Monitor); every field is
    /// read and written under it, except <see cref="Count"/> (read lock-free by Count/IsEmpty), <see cref="Removals"/>
    /// (read by enumerations) and <see cref="Spare"/> (handed back by the callback thread). Readers of keys never touch it.
    /// </summary>
    /// <remarks>
    /// Slot life cycle within one table: empty → live (filled, then published by a release store of its tag) →
    /// tombstone (removed; its index queued in <see cref="Open"/>, then in <see cref="Sealed"/> with a grace-period
    /// cookie) → reusable (once the cookie's grace period completed: no reader in a read section can still be on it)
    /// → live again (an insert whose probe passes it). Tombstones and reusable slots never become empty again; when
    /// the non-empty slots reach <see cref="Table.MaxUsed"/> the segment rebuilds its table (grow, compact, or shrink).
    /// </remarks>
    private sealed class Segment
    {
        // Keeps the lock word and counters of neighbouring segments (allocated back to back) off one cache line.
#pragma warning disable CS0169 // never read: it exists only for its size
        private readonly CacheLinePadding _padding;
#pragma warning restore CS0169

        /// <summary>The current table; its <see cref="Table.Entries"/> is what readers load from the dictionary's table slots.</summary>
        public Table Table = Table.Empty;

        /// <summary>A replaced table of the current size whose grace period has passed, ready for the next rebuild; set by the callback thread.</summary>
        public Table? Spare;

        /// <summary>Live entries. Written under the lock with release, read lock-free by Count/IsEmpty.</summary>
        public int Count;

        /// <summary>Non-empty slots of <see cref="Table"/>: live, tombstones and reusable.</summary>
        public int Used;

        /// <summary>
        /// The most live entries since the table was built. Shrinking requires the count to have fallen well below it, so
        /// a table sized for steady churn is not shrunk while the count is flat.
        /// </summary>
        public int HighWater;

        /// <summary>
        /// Pairs that left a slot, as a change counter: a remove adds 2 before the slot changes; a replace that moves a wide
        /// value adds 1 before publishing the new slot and 1 after tombstoning the old, so the count is odd exactly while a
        /// pair is in two slots. Release stores; an enumeration that reads it even and re-reads it unchanged saw no key
        /// leave or move (SnapshotSegment).
        /// </summary>
        public int Removals;

        /// <summary>
        /// Whether this segment's tables take home slots from the scrambled hash: set when multiplicative placement of the
        /// segment's keys clustered (RcuDictionary.Rebuild, Upsert), cleared when the segment empties.
        /// </summary>
        public bool Scrambled;

        /// <summary>The capacity at which the last rebuild compacted without growing (0 if it grew): see RcuDictionary.MakeRoom.</summary>
        public int CompactedAt;

        /// <summary>The probes that finding every live pair of <see cref="Table"/> takes (distance from home plus one, summed).</summary>
        public long ProbeSum;

        /// <summary>Tables published so far (grow, compact, shrink, clear); diagnostics only.</summary>
        public int Rebuilds;

        /// <summary>Slots tombstoned since the last seal; no grace period has been asked for them yet.</summary>
        public int[] Open = [];

        public int OpenCount;

        /// <summary>Slots tombstoned before <see cref="SealedCookie"/> was taken; reusable once its grace period completes.</summary>
        public int[] Sealed = [];

        public int SealedCount;

        public RcuGracePeriodCookie SealedCookie;

        /// <summary>
        /// Tombstones that wait for no grace period: their batch could not be sealed because the domain was disposed. They
        /// stay tombstones (readers pass over them) until the next rebuild drops them.
        /// </summary>
        public int Orphaned;

#if DEBUG
        /// <summary>AssertInvariants calls since its last scan of the slots (Debug only).</summary>
        public int DebugCallsSinceScan;

        /// <summary><see cref="Rebuilds"/> at AssertInvariants' last scan: a rebuild is always followed by a scan (Debug only).</summary>
        public int DebugRebuildsAtScan = -1;
#endif

        /// <summary>Tombstones waiting for a grace period.</summary>
        public int Pending => OpenCount + SealedCount;
    }
}
