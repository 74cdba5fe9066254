namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>NonBlocking.ConcurrentDictionary, add/remove churn (1K keys).</summary>
internal sealed class NonBlockingChurnCase : ChurnCase<NonBlockingBenchMap>;
