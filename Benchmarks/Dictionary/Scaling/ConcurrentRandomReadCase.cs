namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>ConcurrentDictionary, random-key lookups (1M keys).</summary>
internal sealed class ConcurrentRandomReadCase : RandomReadCase<ConcurrentBenchMap>;
