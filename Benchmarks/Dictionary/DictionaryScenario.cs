namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>The multi-threaded workloads of the dictionary comparison.</summary>
internal enum DictionaryScenario
{
    /// <summary>TryGetValue over 1K keys that stay in cache.</summary>
    ReadHot1K,

    /// <summary>TryGetValue over 1M random keys (cache misses dominate).</summary>
    ReadRandom1M,

    /// <summary>90% TryGetValue, 10% indexer set, 64K keys.</summary>
    Mix90_10,

    /// <summary>50% TryGetValue, 50% indexer set, 64K keys.</summary>
    Mix50_50,

    /// <summary>TryAdd of distinct keys into an initially empty map (growth included).</summary>
    AddOnly,

    /// <summary>TryRemove then TryAdd of the same key, over 1K keys (steady churn).</summary>
    Churn1K,
}
