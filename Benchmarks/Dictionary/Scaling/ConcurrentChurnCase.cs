namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>ConcurrentDictionary, add/remove churn (1K keys).</summary>
internal sealed class ConcurrentChurnCase : ChurnCase<ConcurrentBenchMap>;
