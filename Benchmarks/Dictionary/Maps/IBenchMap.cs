namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>
/// The <c>int → int</c> operations the dictionary benchmarks drive, over each competitor. The maps are structs
/// wrapping the real map, and the workers are generic over them (<see cref="IBenchMap{TSelf}"/>), so the JIT
/// specialises each loop and the figure is the map's cost, not an interface call's.
/// </summary>
internal interface IBenchMap
{
    /// <summary>Looks a key up (<c>TryGetValue</c>).</summary>
    bool TryGet(int key, out int value);

    /// <summary>Adds a key if absent (<c>TryAdd</c>).</summary>
    bool TryAdd(int key, int value);

    /// <summary>Removes a key if present (<c>TryRemove</c>).</summary>
    bool TryRemove(int key);

    /// <summary>Adds or overwrites a key (the indexer's setter).</summary>
    void Set(int key, int value);
}
