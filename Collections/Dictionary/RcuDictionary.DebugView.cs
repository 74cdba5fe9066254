using System.Diagnostics;

namespace RcuCollections;

// What a debugger shows for a dictionary: its pairs, as the BCL's dictionaries do, not its segments and tables.
[DebuggerTypeProxy(typeof(RcuDictionaryDebugView<,>))]
public sealed partial class RcuDictionary<TKey, TValue>
{
}

/// <summary>The debugger's view of an <see cref="RcuDictionary{TKey, TValue}"/>: its pairs, taken by one lock-free enumeration.</summary>
internal sealed class RcuDictionaryDebugView<TKey, TValue>
    where TKey : notnull
{
    private readonly RcuDictionary<TKey, TValue> _dictionary;

    public RcuDictionaryDebugView(RcuDictionary<TKey, TValue> dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        _dictionary = dictionary;
    }

    [DebuggerBrowsable(DebuggerBrowsableState.RootHidden)]
    public RcuDictionaryDebugViewItem<TKey, TValue>[] Items =>
        Array.ConvertAll(_dictionary.ToArray(), static pair => new RcuDictionaryDebugViewItem<TKey, TValue>(pair.Key, pair.Value));
}

/// <summary>One pair as the debugger lists it: the value, named by its key.</summary>
[DebuggerDisplay("{Value}", Name = "[{Key}]")]
internal readonly struct RcuDictionaryDebugViewItem<TKey, TValue>(TKey key, TValue value)
{
    [DebuggerBrowsable(DebuggerBrowsableState.Collapsed)]
    public TKey Key { get; } = key;

    [DebuggerBrowsable(DebuggerBrowsableState.Collapsed)]
    public TValue Value { get; } = value;
}
