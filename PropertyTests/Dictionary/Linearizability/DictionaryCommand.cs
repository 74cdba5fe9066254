namespace RcuCollections.Tests.Dictionary.Linearizability;

/// <summary>Which dictionary member a <see cref="DictionaryOperation"/> calls.</summary>
public enum DictionaryCommand
{
    /// <summary><c>TryGetValue(key, out value)</c>.</summary>
    TryGetValue,

    /// <summary><c>ContainsKey(key)</c>.</summary>
    ContainsKey,

    /// <summary>The indexer's getter; a <see cref="KeyNotFoundException"/> is an output ("not found"), not a failure.</summary>
    IndexerGet,

    /// <summary><c>TryAdd(key, value)</c>.</summary>
    TryAdd,

    /// <summary><c>TryRemove(key, out value)</c>.</summary>
    TryRemove,

    /// <summary><c>TryRemove(KeyValuePair(key, comparison))</c>.</summary>
    TryRemovePair,

    /// <summary><c>TryUpdate(key, value, comparison)</c>.</summary>
    TryUpdate,

    /// <summary>The indexer's setter: add or replace.</summary>
    IndexerSet,

    /// <summary><c>GetOrAdd(key, value)</c>.</summary>
    GetOrAddValue,

    /// <summary><c>GetOrAdd(key, valueFactory)</c>.</summary>
    GetOrAddFactory,

    /// <summary><c>GetOrAdd(key, valueFactory, factoryArgument)</c>.</summary>
    GetOrAddFactoryArgument,

    /// <summary><c>AddOrUpdate(key, addValue, updateValueFactory)</c>.</summary>
    AddOrUpdateValue,

    /// <summary><c>AddOrUpdate(key, addValueFactory, updateValueFactory)</c>.</summary>
    AddOrUpdateFactories,

    /// <summary><c>AddOrUpdate(key, addValueFactory, updateValueFactory, factoryArgument)</c>.</summary>
    AddOrUpdateFactoriesArgument,

    /// <summary>
    /// Only in the sequential init and post parts, where the dictionary is quiescent: <c>Count</c>, <c>IsEmpty</c>,
    /// <c>Keys</c>, <c>Values</c>, <c>ToArray</c> and enumeration must agree with each other and with lookups, and the
    /// key's presence and value in the enumeration must match the model. Never in the parallel part: <c>Count</c> and
    /// <c>IsEmpty</c> sum per-segment counts one after another and are exact only at quiescence (docs/dictionary.md).
    /// </summary>
    QuiescentSnapshot,
}
