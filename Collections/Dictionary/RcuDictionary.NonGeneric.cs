using System.Collections;

namespace RcuCollections;

// The non-generic IDictionary and ICollection, with ConcurrentDictionary's exceptions: a key or value of the wrong type is an
// ArgumentException, a null key an ArgumentNullException, and SyncRoot is not supported (there is no single lock to expose).
public sealed partial class RcuDictionary<TKey, TValue> : IDictionary
{
    bool IDictionary.IsFixedSize => false;

    bool IDictionary.IsReadOnly => false;

    ICollection IDictionary.Keys => (ICollection)Keys;

    ICollection IDictionary.Values => (ICollection)Values;

    bool ICollection.IsSynchronized => false;

    object ICollection.SyncRoot => throw new NotSupportedException("RcuDictionary has no single lock to synchronize on; it is thread-safe without one.");

    object? IDictionary.this[object key]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(key);
            return key is TKey typed && TryGetValue(typed, out TValue? value) ? value : null;
        }
        set
        {
            ArgumentNullException.ThrowIfNull(key);
            this[CastKey(key)] = CastValue(value);
        }
    }

    void IDictionary.Add(object key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ((IDictionary<TKey, TValue>)this).Add(CastKey(key), CastValue(value));
    }

    bool IDictionary.Contains(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key is TKey typed && ContainsKey(typed);
    }

    void IDictionary.Remove(object key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key is TKey typed) TryRemove(typed, out _);
    }

    IDictionaryEnumerator IDictionary.GetEnumerator() => new DictionaryEnumerator(GetEnumerator());

    /// <summary>Copies the pairs, taken by one lock-free enumeration (guarantee G), as pairs, <see cref="DictionaryEntry"/> values or objects.</summary>
    void ICollection.CopyTo(Array array, int index)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (array.Rank != 1) throw new ArgumentException("Only single-dimensional arrays are supported.", nameof(array));
        KeyValuePair<TKey, TValue>[] pairs = ToArray();
        if (array.Length - index < pairs.Length)
            throw new ArgumentException("The destination array is too small for the dictionary's pairs.", nameof(array));
        switch (array)
        {
            case KeyValuePair<TKey, TValue>[] typed:
                pairs.CopyTo(typed, index);
                break;
            case DictionaryEntry[] entries:
                for (int i = 0; i < pairs.Length; i++) entries[index + i] = new DictionaryEntry(pairs[i].Key, pairs[i].Value);
                break;
            case object[] objects:
                // An object[] of another element type (array covariance) refuses a boxed pair with ArrayTypeMismatchException,
                // as ConcurrentDictionary's does.
                for (int i = 0; i < pairs.Length; i++) objects[index + i] = pairs[i];
                break;
            default:
                throw new ArgumentException("The array's element type does not fit the dictionary's pairs.", nameof(array));
        }
    }

    private static TKey CastKey(object key) =>
        key is TKey typed ? typed : throw new ArgumentException($"The key is of type {key.GetType()}, not {typeof(TKey)}.", nameof(key));

    private static TValue CastValue(object? value)
    {
        if (value is TValue typed) return typed;
        if (value is null && default(TValue) is null) return default!;
        throw new ArgumentException($"The value is not of type {typeof(TValue)}.", nameof(value));
    }

    /// <summary>The non-generic enumerator: the lock-free pair enumerator, each pair also seen as a <see cref="DictionaryEntry"/>.</summary>
    private sealed class DictionaryEnumerator(IEnumerator<KeyValuePair<TKey, TValue>> inner) : IDictionaryEnumerator
    {
        public DictionaryEntry Entry => new(inner.Current.Key, inner.Current.Value);

        public object Key => inner.Current.Key;

        public object? Value => inner.Current.Value;

        public object Current => Entry;

        public bool MoveNext() => inner.MoveNext();

        public void Reset() => inner.Reset();
    }
}
