namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>RcuDictionary, hot-key lookups (1K keys).</summary>
internal sealed class RcuHotReadCase : HotReadCase<RcuBenchMap>;
