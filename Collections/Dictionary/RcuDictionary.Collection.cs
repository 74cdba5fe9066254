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
    /// Copies the live pairs of one segment into <paramref name="buffer"/> (growing it): one scan of the table loaded at
    /// its start, in one read section, accepted if no pair left or moved slot meanwhile (the segment's
    /// <see cref="Segment.Removals"/> count is unchanged). Then no key was copied twice (a key reaches a second slot only
    /// after leaving its first) and every key present throughout was copied (it stayed in its slot). After
    /// <see cref="RcuDictionaryLimits.SnapshotAttempts"/> scans disturbed by removals, the segment is copied under its lock.
    /// </summary>
    /// <returns>The number of pairs copied.</returns>
    private int SnapshotSegment(int segmentIndex, ref KeyValuePair<TKey, TValue>[] buffer)
    {
        Segment segment = _segments[segmentIndex];
        for (int attempt = 0; attempt < RcuDictionaryLimits.SnapshotAttempts; attempt++)
        {
            // Acquire: pairs with the release increments in Tombstone and TryMove, which precede the slot changes. An odd
            // count is a move in progress (a pair in two slots): scanning now could copy it twice, so try again.
            int removals = Volatile.Read(ref segment.Removals);
            if ((removals & 1) != 0 && !CollectionMutants.Is(CollectionMutant.EnumerationSkipsRemovalCheck))
            {
                Thread.SpinWait(1);
                continue;
            }
            int count;
            using (RcuReadGuard guard = _domain.ReadLock())
            {
                // The section keeps every slot read as live from being cleared or refilled until the scan ends (E).
                count = CopyLive(Volatile.Read(ref _tables[segmentIndex].Entries), ref buffer); // acquire: pairs with Publish
            }
            // The scan's loads complete before the re-check: a slot change seen by the scan implies the count change.
            Volatile.ReadBarrier();
            if (Volatile.Read(ref segment.Removals) == removals || CollectionMutants.Is(CollectionMutant.EnumerationSkipsRemovalCheck)) return count; // mutant 9 accepts any scan
        }
        lock (segment) return CopyLive(segment.Table.Entries, ref buffer);
    }

    private static int CopyLive(Entry[] entries, ref KeyValuePair<TKey, TValue>[] buffer)
    {
        int count = 0;
        for (int i = 0; i < entries.Length; i++)
        {
            ref Entry entry = ref entries[i];
            // Acquire: pairs with the release store that published the pair (TryFill), so key and value are seen complete.
            if (Volatile.Read(ref entry.Meta) >= 0) continue;
            if (count == buffer.Length) Array.Resize(ref buffer, Math.Max(16, buffer.Length * 2));
            buffer[count++] = new KeyValuePair<TKey, TValue>(entry.Key, entry.Value);
            if (RcuDictionaryTestHooks.Enabled) RcuDictionaryTestHooks.OnSnapshotCopied(typeof(TValue), count, entry.Key); // folded outside tests
        }
        return count;
    }
}
