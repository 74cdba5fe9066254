using System.Diagnostics.CodeAnalysis;

namespace RcuCollections.Tests.Dictionary;

/// <summary>The ConcurrentDictionary-shaped surface the contract tests exercise, so one suite runs against several maps.</summary>
public interface IConcurrentMap<TKey, TValue> : IDictionary<TKey, TValue>, IReadOnlyDictionary<TKey, TValue>
    where TKey : notnull
{
    bool IsEmpty { get; }
    bool TryAdd(TKey key, TValue value);
    bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value);
    bool TryRemove(KeyValuePair<TKey, TValue> item);
    bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue);
    TValue GetOrAdd(TKey key, TValue value);
    TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory);
    TValue GetOrAdd<TArg>(TKey key, Func<TKey, TArg, TValue> valueFactory, TArg factoryArgument);
    TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory);
    TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory);
    TValue AddOrUpdate<TArg>(TKey key, Func<TKey, TArg, TValue> addValueFactory, Func<TKey, TValue, TArg, TValue> updateValueFactory, TArg factoryArgument);
    KeyValuePair<TKey, TValue>[] ToArray();
    new int Count { get; }
    new ICollection<TKey> Keys { get; }
    new ICollection<TValue> Values { get; }
    new TValue this[TKey key] { get; set; }
    new bool ContainsKey(TKey key);
    new bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value);
}
