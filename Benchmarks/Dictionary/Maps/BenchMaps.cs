namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>
/// The competitors by name (RcuDictionary, ConcurrentDictionary, NonBlocking, Dictionary + ReaderWriterLockSlim,
/// ImmutableDictionary + ImmutableInterlocked), and filling a map with keys 0..n−1.
/// </summary>
internal static class BenchMaps
{
    /// <summary>Gets every variant name, for BenchmarkDotNet's <c>[Params]</c>.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [RcuBenchMap.Variant, ConcurrentBenchMap.Variant, NonBlockingBenchMap.Variant, LockedBenchMap.Variant, ImmutableBenchMap.Variant];

    /// <summary>Creates the named map, boxed (BenchmarkDotNet classes pick the map by a string parameter).</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="capacity">Initial capacity.</param>
    /// <returns>The map.</returns>
    public static IBenchMap Create(string name, int capacity) => name switch
    {
        "rcu" => RcuBenchMap.Create(capacity),
        "concurrent" => ConcurrentBenchMap.Create(capacity),
        "nonblocking" => NonBlockingBenchMap.Create(capacity),
        "dictionary-rwls" => LockedBenchMap.Create(capacity),
        "immutable" => ImmutableBenchMap.Create(capacity),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown map; see BenchMaps.Names."),
    };

    /// <summary>Creates a map sized for <paramref name="keys"/> keys and adds keys 0..<paramref name="keys"/>−1 (value = key).</summary>
    /// <typeparam name="TMap">The competitor.</typeparam>
    /// <param name="keys">How many keys.</param>
    /// <returns>The filled map.</returns>
    public static TMap CreateFilled<TMap>(int keys) where TMap : struct, IBenchMap<TMap>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keys);
        TMap map = TMap.Create(keys);
        Fill(map, keys);
        return map;
    }

    /// <summary>Adds keys 0..<paramref name="keys"/>−1 (value = key) to <paramref name="map"/>.</summary>
    /// <typeparam name="TMap">The competitor.</typeparam>
    /// <param name="map">The map.</param>
    /// <param name="keys">How many keys.</param>
    public static void Fill<TMap>(TMap map, int keys) where TMap : struct, IBenchMap<TMap>
    {
        for (int key = 0; key < keys; key++)
            map.TryAdd(key, key);
    }
}
