namespace RcuCollections;

public sealed partial class RcuDictionary<TKey, TValue>
{
    /// <summary>
    /// The writer-side state of one segment. The object itself is the segment's lock (Monitor); every field is
    /// read and written under it, except <see cref="Count"/>, which <see cref="RcuDictionary{TKey, TValue}.Count"/>
    /// reads without the lock (Volatile). Readers never touch this object.
    /// </summary>
    /// <remarks>
    /// Slot life cycle: never used (<c>[NextUnused, Capacity)</c>) → live (linked in a chain) → retired
    /// (unlinked; in <see cref="Open"/>, then in <see cref="Sealed"/> with a grace-period cookie) → free
    /// (linked through <see cref="Entry.Next"/> from <see cref="FreeHead"/>, once the cookie's grace period
    /// completed, so no reader can still be standing on it) → live again. A rebuild starts a fresh table in
    /// which every non-live slot is simply unused.
    /// </remarks>
    private sealed class Segment
    {
        // Keeps the lock word and counters of neighbouring segments (allocated back to back) off one cache line.
#pragma warning disable CS0169 // never read: it exists only for its size
        private readonly CacheLinePadding _padding;
#pragma warning restore CS0169

        /// <summary>The current table; the same reference readers load from the dictionary's table slots.</summary>
        public Table Table = Table.Empty;

        /// <summary>Live entries. Written under the lock with release, read lock-free by Count/IsEmpty.</summary>
        public int Count;

        /// <summary>
        /// The most live entries since the table was built. Shrinking requires the count to have fallen well below it, so
        /// a table sized for steady churn (spare slots that outlast a grace period) is not shrunk while the count is flat.
        /// </summary>
        public int HighWater;

        /// <summary>0-based index of the first never-used slot of <see cref="Table"/>.</summary>
        public int NextUnused;

        /// <summary>1-based index of the first free (reusable) slot, 0 if none.</summary>
        public int FreeHead;

        /// <summary>Slots retired since the last seal; no grace period has been asked for them yet.</summary>
        public int[] Open = [];

        public int OpenCount;

        /// <summary>Slots retired before <see cref="SealedCookie"/> was taken; free once its grace period completes.</summary>
        public int[] Sealed = [];

        public int SealedCount;

        public RcuGracePeriodCookie SealedCookie;

        /// <summary>Retired slots waiting for a grace period.</summary>
        public int Pending => OpenCount + SealedCount;
    }
}
