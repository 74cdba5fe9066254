using System.Collections;
using System.Collections.ObjectModel;

namespace RcuCollections;

// Enumeration and the collection-shaped members. All are lock-free, built on SnapshotSegment (guarantee G).
public sealed partial class RcuDictionary<TKey, TValue>
{
    /// <summary>Gets a list of the keys, built by one lock-free enumeration (guarantee G; not a snapshot).</summary>
    public ICollection<TKey> Keys => new ReadOnlyCollection<TKey>(Project(static pair => pair.Key));

    /// <summary>Gets a list of the values, built by one lock-free enumeration (guarantee G; not a snapshot).</summary>
    public ICollection<TValue> Values => new ReadOnlyCollection<TValue>(Project(static pair => pair.Value));

    IEnumerable<TKey> IReadOnlyDictionary<TKey, TValue>.Keys => Keys;

    IEnumerable<TValue> IReadOnlyDictionary<TKey, TValue>.Values => Values;

    bool ICollection<KeyValuePair<TKey, TValue>>.IsReadOnly => false;

    /// <summary>Copies the pairs into a new array by one lock-free enumeration (guarantee G; not a snapshot).</summary>
    public KeyValuePair<TKey, TValue>[] ToArray() => Project(static pair => pair);

    /// <summary>
    /// Returns a lock-free enumerator. It is safe to use while others write: it never yields a key twice, yields every
    /// key present throughout the enumeration, and may or may not yield keys added or removed meanwhile (guarantee G).
    /// Keys are not in any particular order.
    /// </summary>
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => new Enumerator(this);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    void IDictionary<TKey, TValue>.Add(TKey key, TValue value)
    {
        if (!TryAdd(key, value)) throw new ArgumentException($"An item with the same key has already been added. Key: {key}", nameof(key));
    }

    bool IDictionary<TKey, TValue>.Remove(TKey key) => TryRemove(key, out _);

    void ICollection<KeyValuePair<TKey, TValue>>.Add(KeyValuePair<TKey, TValue> item) =>
        ((IDictionary<TKey, TValue>)this).Add(item.Key, item.Value);

    bool ICollection<KeyValuePair<TKey, TValue>>.Contains(KeyValuePair<TKey, TValue> item) =>
        TryGetValue(item.Key, out TValue? value) && EqualityComparer<TValue>.Default.Equals(value, item.Value);

    bool ICollection<KeyValuePair<TKey, TValue>>.Remove(KeyValuePair<TKey, TValue> item) => TryRemove(item);

    void ICollection<KeyValuePair<TKey, TValue>>.CopyTo(KeyValuePair<TKey, TValue>[] array, int arrayIndex)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfNegative(arrayIndex);
        KeyValuePair<TKey, TValue>[] pairs = ToArray();
        if (array.Length - arrayIndex < pairs.Length)
            throw new ArgumentException("The destination array is too small for the dictionary's pairs.", nameof(array));
        pairs.CopyTo(array, arrayIndex);
    }

    private T[] Project<T>(Func<KeyValuePair<TKey, TValue>, T> selector)
    {
        var result = new List<T>(Count);
        KeyValuePair<TKey, TValue>[] buffer = [];
        for (int i = 0; i < _segments.Length; i++)
        {
            int count = SnapshotSegment(i, ref buffer);
            for (int j = 0; j < count; j++) result.Add(selector(buffer[j]));
        }
        return result.ToArray();
    }

    /// <summary>
    /// Copies the pairs of one segment into <paramref name="buffer"/> (growing it) in one read section, by one traversal of
    /// the table version loaded at its start. Within that traversal no key appears twice (inserts go to chain heads behind
    /// the walker, replaces keep their position, a removed entry keeps pointing forward), and an entry live throughout is
    /// reached (every live entry stays reachable from any entry the walker can stand on).
    /// </summary>
    /// <returns>The number of pairs copied.</returns>
    private int SnapshotSegment(int segmentIndex, ref KeyValuePair<TKey, TValue>[] buffer)
    {
        int count = 0;
        using RcuReadGuard guard = _domain.ReadLock();
        Table table = Volatile.Read(ref _tables[segmentIndex].Value); // acquire: pairs with Publish
        Entry[] entries = table.Entries;
        for (int bucket = 0; bucket < table.BucketCount; bucket++)
        {
            // Acquire loads pair with the release stores in Link: an entry is complete when its index is seen.
            for (int index = Volatile.Read(ref table.Buckets[bucket]); index != 0; index = Volatile.Read(ref entries[index - 1].Next))
            {
                if (count == buffer.Length) Array.Resize(ref buffer, Math.Max(16, buffer.Length * 2));
                ref Entry entry = ref entries[index - 1];
                buffer[count++] = new KeyValuePair<TKey, TValue>(entry.Key, entry.Value);
            }
        }
        return count;
    }
}
