namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>ImmutableDictionary + ImmutableInterlocked, add/remove churn (1K keys).</summary>
internal sealed class ImmutableChurnCase : ChurnCase<ImmutableBenchMap>;
