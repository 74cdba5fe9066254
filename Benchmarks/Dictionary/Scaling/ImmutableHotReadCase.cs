namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>ImmutableDictionary + ImmutableInterlocked, hot-key lookups (1K keys).</summary>
internal sealed class ImmutableHotReadCase : HotReadCase<ImmutableBenchMap>;
