using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace RcuCollections.Tests.Dictionary;

/// <summary>Forwards <see cref="IConcurrentMap{TKey, TValue}"/> to an <see cref="RcuDictionary{TKey, TValue}"/>.</summary>
public sealed class RcuMap<TKey, TValue>(RcuDictionary<TKey, TValue> inner) : MapAdapter<TKey, TValue>(inner) where TKey : notnull
{
    public RcuDictionary<TKey, TValue> Inner => inner;
    public override bool IsEmpty => inner.IsEmpty;
    public override bool TryAdd(TKey key, TValue value) => inner.TryAdd(key, value);
    public override bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value) => inner.TryRemove(key, out value);
    public override bool TryRemove(KeyValuePair<TKey, TValue> item) => inner.TryRemove(item);
    public override bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue) => inner.TryUpdate(key, newValue, comparisonValue);
    public override TValue GetOrAdd(TKey key, TValue value) => inner.GetOrAdd(key, value);
    public override TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory) => inner.GetOrAdd(key, valueFactory);
    public override TValue GetOrAdd<TArg>(TKey key, Func<TKey, TArg, TValue> valueFactory, TArg factoryArgument) => inner.GetOrAdd(key, valueFactory, factoryArgument);
    public override TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory) => inner.AddOrUpdate(key, addValue, updateValueFactory);
    public override TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory) => inner.AddOrUpdate(key, addValueFactory, updateValueFactory);
    public override TValue AddOrUpdate<TArg>(TKey key, Func<TKey, TArg, TValue> addValueFactory, Func<TKey, TValue, TArg, TValue> updateValueFactory, TArg factoryArgument) => inner.AddOrUpdate(key, addValueFactory, updateValueFactory, factoryArgument);
    public override KeyValuePair<TKey, TValue>[] ToArray() => inner.ToArray();
    public override int Count => inner.Count;
    public override ICollection<TKey> Keys => inner.Keys;
    public override ICollection<TValue> Values => inner.Values;
}

/// <summary>Forwards <see cref="IConcurrentMap{TKey, TValue}"/> to a <see cref="ConcurrentDictionary{TKey, TValue}"/> (the reference).</summary>
public sealed class ConcurrentMap<TKey, TValue>(ConcurrentDictionary<TKey, TValue> inner) : MapAdapter<TKey, TValue>(inner) where TKey : notnull
{
    public override bool IsEmpty => inner.IsEmpty;
    public override bool TryAdd(TKey key, TValue value) => inner.TryAdd(key, value);
    public override bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value) => inner.TryRemove(key, out value);
    public override bool TryRemove(KeyValuePair<TKey, TValue> item) => inner.TryRemove(item);
    public override bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue) => inner.TryUpdate(key, newValue, comparisonValue);
    public override TValue GetOrAdd(TKey key, TValue value) => inner.GetOrAdd(key, value);
    public override TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory) => inner.GetOrAdd(key, valueFactory);
    public override TValue GetOrAdd<TArg>(TKey key, Func<TKey, TArg, TValue> valueFactory, TArg factoryArgument) => inner.GetOrAdd(key, valueFactory, factoryArgument);
    public override TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory) => inner.AddOrUpdate(key, addValue, updateValueFactory);
    public override TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory) => inner.AddOrUpdate(key, addValueFactory, updateValueFactory);
    public override TValue AddOrUpdate<TArg>(TKey key, Func<TKey, TArg, TValue> addValueFactory, Func<TKey, TValue, TArg, TValue> updateValueFactory, TArg factoryArgument) => inner.AddOrUpdate(key, addValueFactory, updateValueFactory, factoryArgument);
    public override KeyValuePair<TKey, TValue>[] ToArray() => inner.ToArray();
    public override int Count => inner.Count;
    public override ICollection<TKey> Keys => inner.Keys;
    public override ICollection<TValue> Values => inner.Values;
}

/// <summary>The IDictionary plumbing shared by both adapters.</summary>
public abstract class MapAdapter<TKey, TValue>(IDictionary<TKey, TValue> dictionary) : IConcurrentMap<TKey, TValue> where TKey : notnull
{
    public abstract bool IsEmpty { get; }
    public abstract int Count { get; }
    public abstract ICollection<TKey> Keys { get; }
    public abstract ICollection<TValue> Values { get; }
    public abstract bool TryAdd(TKey key, TValue value);
    public abstract bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value);
    public abstract bool TryRemove(KeyValuePair<TKey, TValue> item);
    public abstract bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue);
    public abstract TValue GetOrAdd(TKey key, TValue value);
    public abstract TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory);
    public abstract TValue GetOrAdd<TArg>(TKey key, Func<TKey, TArg, TValue> valueFactory, TArg factoryArgument);
    public abstract TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory);
    public abstract TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory);
    public abstract TValue AddOrUpdate<TArg>(TKey key, Func<TKey, TArg, TValue> addValueFactory, Func<TKey, TValue, TArg, TValue> updateValueFactory, TArg factoryArgument);
    public abstract KeyValuePair<TKey, TValue>[] ToArray();

    public TValue this[TKey key] { get => dictionary[key]; set => dictionary[key] = value; }
    public bool IsReadOnly => dictionary.IsReadOnly;
    IEnumerable<TKey> IReadOnlyDictionary<TKey, TValue>.Keys => Keys;
    IEnumerable<TValue> IReadOnlyDictionary<TKey, TValue>.Values => Values;
    public void Add(TKey key, TValue value) => dictionary.Add(key, value);
    public void Add(KeyValuePair<TKey, TValue> item) => dictionary.Add(item);
    public void Clear() => dictionary.Clear();
    public bool Contains(KeyValuePair<TKey, TValue> item) => dictionary.Contains(item);
    public bool ContainsKey(TKey key) => dictionary.ContainsKey(key);
    public void CopyTo(KeyValuePair<TKey, TValue>[] array, int arrayIndex) => dictionary.CopyTo(array, arrayIndex);
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => dictionary.GetEnumerator();
    public bool Remove(TKey key) => dictionary.Remove(key);
    public bool Remove(KeyValuePair<TKey, TValue> item) => dictionary.Remove(item);
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => dictionary.TryGetValue(key, out value);
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
