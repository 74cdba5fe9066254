using System.Collections.Concurrent;

namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>The BCL's <see cref="ConcurrentDictionary{TKey, TValue}"/>, one lock stripe per core (its default).</summary>
/// <param name="map">The wrapped map.</param>
internal readonly struct ConcurrentBenchMap(ConcurrentDictionary<int, int> map) : IBenchMap<ConcurrentBenchMap>
{
    /// <inheritdoc />
    public static string Variant => "concurrent";

    /// <inheritdoc />
    public static ConcurrentBenchMap Create(int capacity) =>
        new(new ConcurrentDictionary<int, int>(Environment.ProcessorCount, Math.Max(31, capacity)));

    /// <inheritdoc />
    public bool TryGet(int key, out int value) => map.TryGetValue(key, out value);

    /// <inheritdoc />
    public bool TryAdd(int key, int value) => map.TryAdd(key, value);

    /// <inheritdoc />
    public bool TryRemove(int key) => map.TryRemove(key, out _);

    /// <inheritdoc />
    public void Set(int key, int value) => map[key] = value;
}
