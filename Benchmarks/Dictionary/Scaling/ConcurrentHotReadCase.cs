namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>ConcurrentDictionary, hot-key lookups (1K keys).</summary>
internal sealed class ConcurrentHotReadCase : HotReadCase<ConcurrentBenchMap>;
