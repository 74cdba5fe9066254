namespace RcuCollections.Benchmarks.Dictionary;

/// <summary><see cref="RcuDictionary{TKey, TValue}"/> on <see cref="RcuDomain.Default"/>, as users get it.</summary>
/// <param name="map">The wrapped map.</param>
internal readonly struct RcuBenchMap(RcuDictionary<int, int> map) : IBenchMap<RcuBenchMap>
{
    /// <inheritdoc />
    public static string Variant => "rcu";

    /// <summary>Gets the wrapped map.</summary>
    public RcuDictionary<int, int> Map => map;

    /// <inheritdoc />
    public static RcuBenchMap Create(int capacity) => new(new RcuDictionary<int, int>(capacity));

    /// <inheritdoc />
    public bool TryGet(int key, out int value) => map.TryGetValue(key, out value);

    /// <inheritdoc />
    public bool TryAdd(int key, int value) => map.TryAdd(key, value);

    /// <inheritdoc />
    public bool TryRemove(int key) => map.TryRemove(key, out _);

    /// <inheritdoc />
    public void Set(int key, int value) => map[key] = value;
}
