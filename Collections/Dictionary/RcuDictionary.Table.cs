using System.Buffers;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace RcuCollections;

public sealed partial class RcuDictionary<TKey, TValue>
{
    /// <summary>
    /// One segment's hash table: a power-of-two array of chain heads and an array of entries (index-chained,
    /// so an insert allocates no node). A table is published once, with a release store, and replaced as a
    /// whole on resize; the replaced table is never written again and its arrays go back to the pool only
    /// after a grace period (this class is its own <see cref="RcuCallback"/>), when no reader can still walk it.
    /// </summary>
    private sealed class Table : RcuCallback
    {
        /// <summary>The table of a segment that holds nothing yet: two empty chains, no slots, never reclaimed.</summary>
        public static readonly Table Empty = new(new int[2], [], bucketShift: 63, bucketCount: 2, capacity: 0, pooled: false);

        /// <summary>1-based entry index of each chain head; 0 = empty chain. Read with acquire, written with release.</summary>
        public readonly int[] Buckets;

        /// <summary>The slots; slot <c>i</c> is addressed by index <c>i + 1</c>. May be longer than <see cref="Capacity"/> (pooled).</summary>
        public readonly Entry[] Entries;

        /// <summary><c>64 - log2(bucket count)</c>: the bucket is taken from the mixed hash's bits just below the segment bits.</summary>
        public readonly int BucketShift;

        /// <summary>The number of chains (a power of two; <see cref="Buckets"/> may be longer, being pooled).</summary>
        public readonly int BucketCount;

        /// <summary>The number of usable slots (a power of two, equal to the bucket count: load factor at most 1).</summary>
        public readonly int Capacity;

        private readonly bool _pooled;

        /// <summary>Whether this table's arrays go back to the pool (after a grace period) when it is replaced.</summary>
        public bool IsPooled => _pooled;

        private Table(int[] buckets, Entry[] entries, int bucketShift, int bucketCount, int capacity, bool pooled)
        {
            BucketCount = bucketCount;
            Buckets = buckets;
            Entries = entries;
            BucketShift = bucketShift;
            Capacity = capacity;
            _pooled = pooled;
        }

        /// <summary>Rents an empty table with <paramref name="capacity"/> slots and as many buckets.</summary>
        public static Table Rent(int capacity)
        {
            Debug.Assert(BitOperations.IsPow2(capacity) && capacity >= RcuDictionaryLimits.MinSegmentCapacity);
            int[] buckets = ArrayPool<int>.Shared.Rent(capacity);
            // Pooled int arrays come back dirty (other users need not clear them); a chain head must start empty.
            Array.Clear(buckets, 0, capacity);
            // Entry arrays are private to this type and cleared on return when they hold references, and any
            // slot is fully written before it is published, so the entries need no clearing here.
            Entry[] entries = ArrayPool<Entry>.Shared.Rent(capacity);
            // Only small tables go back to the pool: they are the ones steady churn and compaction cycle through, and
            // pooled arrays stay allocated; large ones are left to the GC once the grace period has passed.
            bool pool = capacity <= RcuDictionaryLimits.MaxPooledCapacity;
            return new Table(buckets, entries, 64 - BitOperations.Log2((uint)capacity), capacity, capacity, pool);
        }

        /// <summary>Runs on the domain's callback thread a grace period after this table was replaced.</summary>
        protected override void Invoke()
        {
            if (!_pooled) return;
            ArrayPool<int>.Shared.Return(Buckets);
            // Clearing drops the keys and values the old slots still reference, so the pool keeps nothing alive.
            ArrayPool<Entry>.Shared.Return(Entries, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<Entry>());
        }
    }
}
