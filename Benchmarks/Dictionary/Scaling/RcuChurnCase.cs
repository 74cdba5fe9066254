namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>RcuDictionary, add/remove churn (1K keys).</summary>
internal sealed class RcuChurnCase : ChurnCase<RcuBenchMap>;
