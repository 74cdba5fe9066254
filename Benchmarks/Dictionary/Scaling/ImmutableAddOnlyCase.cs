namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>ImmutableDictionary + ImmutableInterlocked, add-only.</summary>
internal sealed class ImmutableAddOnlyCase : AddOnlyCase<ImmutableBenchMap>;
