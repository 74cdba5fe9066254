namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>The int→int operations the dictionary benchmarks drive, over each competitor.</summary>
internal interface IBenchMap
{
    string Name { get; }
    bool TryGet(int key, out int value);
    bool TryAdd(int key, int value);
    bool TryRemove(int key);
    void Set(int key, int value);
}
