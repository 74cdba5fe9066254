namespace RcuCollections;

public sealed partial class RcuDictionary<TKey, TValue>
{
    /// <summary>
    /// Wraps the published table reference of one segment, so that <see cref="Volatile.Read{T}(ref readonly T)"/>
    /// on an array element needs no covariance check (the reason ConcurrentDictionary has <c>VolatileNode</c>,
    /// dotnet/runtime#65789). Readers touch only this array, never the writer-side <see cref="Segment"/>, so a
    /// writer's lock word and counters do not share a cache line with what readers load.
    /// </summary>
    private struct TableSlot
    {
        public Table Value;

        /// <summary>
        /// The segment's slot-reuse generation (a sequence lock for optimistic readers): odd while the writer rewrites
        /// slots that a reader which entered no read section might still be walking (recycling a retired batch, or
        /// filling a recycled slot), even otherwise. See <see cref="RcuDictionary{TKey, TValue}.TryGetOptimistic"/>.
        /// </summary>
        public int Reuse;
    }
}
