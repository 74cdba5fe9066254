using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>
/// An <see cref="ImmutableDictionary{TKey, TValue}"/> published through one shared reference and replaced with
/// <see cref="ImmutableInterlocked"/> (copy-on-write by compare-and-swap): the allocation-heavy lock-free baseline.
/// </summary>
/// <param name="root">The shared reference (a box, so copies of the struct share it).</param>
internal readonly struct ImmutableBenchMap(StrongBox<ImmutableDictionary<int, int>> root) : IBenchMap<ImmutableBenchMap>
{
    /// <inheritdoc />
    public static string Variant => "immutable";

    /// <inheritdoc />
    public static ImmutableBenchMap Create(int capacity) => new(new StrongBox<ImmutableDictionary<int, int>>(ImmutableDictionary<int, int>.Empty));

    /// <inheritdoc />
    public bool TryGet(int key, out int value) =>
        // Acquire load: pairs with ImmutableInterlocked's compare-and-swap, which publishes a fully built tree.
        Volatile.Read(ref root.Value!).TryGetValue(key, out value);

    /// <inheritdoc />
    public bool TryAdd(int key, int value) => ImmutableInterlocked.TryAdd(ref root.Value!, key, value);

    /// <inheritdoc />
    public bool TryRemove(int key) => ImmutableInterlocked.TryRemove(ref root.Value!, key, out _);

    /// <inheritdoc />
    public void Set(int key, int value) =>
        ImmutableInterlocked.Update(ref root.Value!, static (map, entry) => map.SetItem(entry.Key, entry.Value), (Key: key, Value: value));
}
