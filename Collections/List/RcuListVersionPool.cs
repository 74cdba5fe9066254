using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace RcuCollections;

/// <summary>
/// The recycler of a pooled <see cref="RcuList{T}"/>: versions (each paired with its exact-length array) grouped
/// by length. Writers rent under the list's write lock; the domain's callback thread returns versions a grace
/// period after they were replaced. Exact lengths keep <see cref="RcuList{T}.Snapshot"/> O(1); a small LRU of
/// lengths bounds what a growing or shrinking list retains.
/// </summary>
internal sealed class RcuListVersionPool<T>
{
    private readonly Lock _lock = new(); // the writer (under the list lock) and the callback thread; never held across user code
    private readonly Bucket[] _buckets;
    private readonly int _perLength;
    private readonly int _elementBudget;
    private long _clock; // LRU stamp source, under _lock
    private long _hits, _misses, _dropped;

    internal RcuListVersionPool(int maxLengths, int perLength, int elementBudget)
    {
        _buckets = new Bucket[maxLengths];
        _perLength = perLength;
        _elementBudget = elementBudget;
    }

    /// <summary>How many arrays of <paramref name="length"/> the pool keeps.</summary>
    private int CapacityFor(int length) => Math.Max(_perLength, _elementBudget / length);

    /// <summary>Test hook: runs on the callback thread for each array about to re-enter the pool (e.g. to poison it).</summary>
    internal Action<T[]>? RecycleHook { get; set; }

    /// <summary>Gets how many rents were served from the pool.</summary>
    internal long Hits => Volatile.Read(ref _hits);

    /// <summary>Gets how many rents had to allocate.</summary>
    internal long Misses => Volatile.Read(ref _misses);

    /// <summary>Gets how many returned arrays the pool let go (bucket full or length evicted).</summary>
    internal long Dropped => Volatile.Read(ref _dropped);

    /// <summary>Gets how many versions the pool holds right now (tests check the retention bound).</summary>
    internal int RetainedCount
    {
        get
        {
            lock (_lock)
            {
                int total = 0;
                foreach (Bucket b in _buckets) total += b.Count;
                return total;
            }
        }
    }

    /// <summary>Returns a version whose array has exactly <paramref name="length"/> elements; its contents are unspecified and must all be overwritten before publication.</summary>
    internal RcuListVersion<T> Rent(int length)
    {
        if (length == 0) return RcuListVersion<T>.Empty;
        lock (_lock)
        {
            for (int i = 0; i < _buckets.Length; i++)
            {
                ref Bucket b = ref _buckets[i];
                if (b.Length == length && b.Count > 0)
                {
                    RcuListVersion<T> v = b.Items![--b.Count]!;
                    b.Items[b.Count] = null;
                    b.LastUse = ++_clock;
                    _hits++;
                    Debug.Assert(v.Items.Length == length && !v.IsEscaped);
                    return v;
                }
            }
            _misses++;
        }
        return new RcuListVersion<T>(new T[length], this); // outside the lock: allocation may trigger a GC
    }

    /// <summary>
    /// Takes back a version that no reader can reach: either a grace period has passed since it was replaced, or
    /// it was rented and never published.
    /// </summary>
    internal void Return(RcuListVersion<T> version)
    {
        T[] items = version.Items;
        Debug.Assert(items.Length > 0 && !version.IsEscaped);
        // Drop references so that pooled arrays do not keep the list's former elements alive.
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>()) Array.Clear(items);
        RecycleHook?.Invoke(items);

        lock (_lock)
        {
            int target = -1, empty = -1, oldest = -1;
            for (int i = 0; i < _buckets.Length; i++)
            {
                ref Bucket b = ref _buckets[i];
                if (b.Length == items.Length) { target = i; break; }
                if (b.Count == 0 && empty < 0) empty = i;
                if (oldest < 0 || b.LastUse < _buckets[oldest].LastUse) oldest = i;
            }
            if (target < 0)
            {
                // A new length replaces an empty bucket, else the least recently used one (whose arrays go to the GC).
                target = empty >= 0 ? empty : oldest;
                ref Bucket victim = ref _buckets[target];
                if (victim.Count > 0)
                {
                    _dropped += victim.Count;
                    Array.Clear(victim.Items!, 0, victim.Count);
                }
                victim.Count = 0;
                victim.Length = items.Length;
            }
            ref Bucket bucket = ref _buckets[target];
            bucket.LastUse = ++_clock;
            int capacity = CapacityFor(items.Length);
            if (bucket.Count == capacity)
            {
                _dropped++;
                return;
            }
            // The slot array grows by doubling up to the capacity, so steady-state returns allocate nothing.
            if (bucket.Items is null || bucket.Count == bucket.Items.Length)
                Array.Resize(ref bucket.Items, Math.Min(capacity, Math.Max(16, 2 * bucket.Count)));
            bucket.Items[bucket.Count++] = version;
        }
    }

    private struct Bucket
    {
        public int Length;
        public int Count;
        public long LastUse;
        public RcuListVersion<T>?[]? Items;
    }
}
