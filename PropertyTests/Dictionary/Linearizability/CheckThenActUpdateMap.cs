using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using RcuCollections.Tests.Checker.Broken;

namespace RcuCollections.Tests.Dictionary.Linearizability;

/// <summary>
/// BROKEN ON PURPOSE: a <see cref="ConcurrentDictionary{TKey, TValue}"/> whose <see cref="TryUpdate"/> compares and then
/// stores without holding anything in between, so two updates from the same value can both succeed (a lost update), and
/// an update can resurrect a key removed in the window. Everything else forwards to the correct dictionary; the window
/// is widened (<see cref="Window"/>) so that the race shows on two cores. The property must catch it.
/// </summary>
/// <param name="inner">The correct dictionary underneath (empty).</param>
public sealed class CheckThenActUpdateMap<TKey, TValue>(ConcurrentDictionary<TKey, TValue> inner) : MapAdapter<TKey, TValue>(inner) where TKey : notnull
{
    public override bool IsEmpty => inner.IsEmpty;
    public override int Count => inner.Count;
    public override ICollection<TKey> Keys => inner.Keys;
    public override ICollection<TValue> Values => inner.Values;
    public override bool TryAdd(TKey key, TValue value) => inner.TryAdd(key, value);
    public override bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value) => inner.TryRemove(key, out value);
    public override bool TryRemove(KeyValuePair<TKey, TValue> item) => inner.TryRemove(item);

    public override bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue)
    {
        if (!inner.TryGetValue(key, out TValue? current) || !EqualityComparer<TValue>.Default.Equals(current, comparisonValue))
        {
            return false;
        }

        Window.Widen(); // another thread may update or remove the key right here
        inner[key] = newValue;
        return true;
    }

    public override TValue GetOrAdd(TKey key, TValue value) => inner.GetOrAdd(key, value);
    public override TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory) => inner.GetOrAdd(key, valueFactory);
    public override TValue GetOrAdd<TArg>(TKey key, Func<TKey, TArg, TValue> valueFactory, TArg factoryArgument) => inner.GetOrAdd(key, valueFactory, factoryArgument);
    public override TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory) => inner.AddOrUpdate(key, addValue, updateValueFactory);
    public override TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory) => inner.AddOrUpdate(key, addValueFactory, updateValueFactory);
    public override TValue AddOrUpdate<TArg>(TKey key, Func<TKey, TArg, TValue> addValueFactory, Func<TKey, TValue, TArg, TValue> updateValueFactory, TArg factoryArgument) => inner.AddOrUpdate(key, addValueFactory, updateValueFactory, factoryArgument);
    public override KeyValuePair<TKey, TValue>[] ToArray() => inner.ToArray();
}
