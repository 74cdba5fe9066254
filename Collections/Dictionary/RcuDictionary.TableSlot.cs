namespace RcuCollections;

public sealed partial class RcuDictionary<TKey, TValue>
{
    /// <summary>
    /// What readers load for one segment: the published slot array and the segment's reuse generation and table shape,
    /// side by side on one cache line. A struct in an array, so <see cref="Volatile.Read{T}(ref readonly T)"/> on the element needs
    /// no covariance check (the reason ConcurrentDictionary has <c>VolatileNode</c>, dotnet/runtime#65789). Readers
    /// never touch the writer-side <see cref="Segment"/>, so a writer's lock word and counters do not share a line with
    /// what they load.
    /// </summary>
    private struct TableSlot
    {
        /// <summary>The current table's slots. Written with release (Publish), read with acquire.</summary>
        public Entry[] Entries;

        /// <summary>
        /// The segment's reuse generation in the high 32 bits and the published table's <see cref="Table.Shape"/> in the low
        /// 32, so a reader gets both with one load. The generation is a sequence lock for optimistic readers: odd (bit 32
        /// set) while the writer rewrites slots an optimistic reader might still be reading, or swaps the table and its
        /// shape, even otherwise. The shape lies beside the array so a lookup need not wait for the array's length. See
        /// <see cref="RcuDictionary{TKey, TValue}.TryGetOptimistic"/>.
        /// </summary>
        public long State;
    }
}
