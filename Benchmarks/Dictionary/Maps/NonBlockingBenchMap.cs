namespace RcuCollections.Benchmarks.Dictionary;

/// <summary><c>NonBlocking.ConcurrentDictionary</c> (NuGet NonBlocking 2.1.2), a lock-free open-addressing map.</summary>
/// <param name="map">The wrapped map.</param>
internal readonly struct NonBlockingBenchMap(NonBlocking.ConcurrentDictionary<int, int> map) : IBenchMap<NonBlockingBenchMap>
{
    /// <inheritdoc />
    public static string Variant => "nonblocking";

    /// <inheritdoc />
    public static NonBlockingBenchMap Create(int capacity) =>
        new(new NonBlocking.ConcurrentDictionary<int, int>(Environment.ProcessorCount, Math.Max(31, capacity)));

    /// <inheritdoc />
    public bool TryGet(int key, out int value) => map.TryGetValue(key, out value);

    /// <inheritdoc />
    public bool TryAdd(int key, int value) => map.TryAdd(key, value);

    /// <inheritdoc />
    public bool TryRemove(int key) => map.TryRemove(key, out _);

    /// <inheritdoc />
    public void Set(int key, int value) => map[key] = value;
}
