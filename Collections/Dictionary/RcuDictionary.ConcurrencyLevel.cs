namespace RcuCollections;

// The concurrencyLevel constructors of ConcurrentDictionary: the concurrency level is the number of segments (writer locks).
public sealed partial class RcuDictionary<TKey, TValue>
{
    /// <summary>
    /// Creates an empty dictionary with <paramref name="concurrencyLevel"/> segments (rounded up to a power of two between 2
    /// and 4096, as <see cref="RcuDictionaryOptions.SegmentCount"/>; -1: the default) and room for <paramref name="capacity"/> entries.
    /// </summary>
    /// <param name="concurrencyLevel">The estimated number of threads that write concurrently, or -1 for the default.</param>
    /// <param name="capacity">The number of entries to make room for.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="concurrencyLevel"/> is 0 or below -1, or <paramref name="capacity"/> is negative.</exception>
    public RcuDictionary(int concurrencyLevel, int capacity)
        : this(ConcurrencyOptions(concurrencyLevel, capacity), comparer: null)
    {
    }

    /// <summary>
    /// Creates an empty dictionary with <paramref name="concurrencyLevel"/> segments (see <see cref="RcuDictionary{TKey, TValue}(int, int)"/>),
    /// room for <paramref name="capacity"/> entries and the given comparer (<see langword="null"/>: the default).
    /// </summary>
    /// <param name="concurrencyLevel">The estimated number of threads that write concurrently, or -1 for the default.</param>
    /// <param name="capacity">The number of entries to make room for.</param>
    /// <param name="comparer">The key comparer, or <see langword="null"/> for the default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="concurrencyLevel"/> is 0 or below -1, or <paramref name="capacity"/> is negative.</exception>
    public RcuDictionary(int concurrencyLevel, int capacity, IEqualityComparer<TKey>? comparer)
        : this(ConcurrencyOptions(concurrencyLevel, capacity), comparer)
    {
    }

    /// <summary>
    /// Creates a dictionary with <paramref name="concurrencyLevel"/> segments (see <see cref="RcuDictionary{TKey, TValue}(int, int)"/>)
    /// holding the pairs of <paramref name="collection"/>, comparing keys with <paramref name="comparer"/> (<see langword="null"/>: the default).
    /// </summary>
    /// <param name="concurrencyLevel">The estimated number of threads that write concurrently, or -1 for the default.</param>
    /// <param name="collection">The pairs to copy.</param>
    /// <param name="comparer">The key comparer, or <see langword="null"/> for the default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="concurrencyLevel"/> is 0 or below -1.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="collection"/> or one of its keys is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="collection"/> contains a key twice.</exception>
    public RcuDictionary(int concurrencyLevel, IEnumerable<KeyValuePair<TKey, TValue>> collection, IEqualityComparer<TKey>? comparer)
        : this(ConcurrencyOptions(concurrencyLevel, collection is ICollection<KeyValuePair<TKey, TValue>> c ? c.Count : 0), comparer)
    {
        ArgumentNullException.ThrowIfNull(collection);
        foreach (KeyValuePair<TKey, TValue> pair in collection)
        {
            if (!TryAdd(pair.Key, pair.Value))
                throw new ArgumentException($"The collection contains the key '{pair.Key}' more than once.", nameof(collection));
        }
    }

    /// <summary>Options for a ConcurrentDictionary-style concurrency level (-1: the default segment count) and capacity.</summary>
    private static RcuDictionaryOptions ConcurrencyOptions(int concurrencyLevel, int capacity)
    {
        if (concurrencyLevel < 1 && concurrencyLevel != -1)
            throw new ArgumentOutOfRangeException(nameof(concurrencyLevel), concurrencyLevel, "The concurrency level must be positive or -1 (the default).");
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        return new RcuDictionaryOptions
        {
            Capacity = capacity,
            // ConcurrentDictionary accepts any positive level; more segments than the most allowed gain nothing.
            SegmentCount = concurrencyLevel == -1 ? 0 : Math.Min(concurrencyLevel, RcuDictionaryLimits.MaxSegments),
        };
    }
}
