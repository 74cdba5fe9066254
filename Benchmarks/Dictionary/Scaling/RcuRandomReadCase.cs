namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>RcuDictionary, random-key lookups (1M keys).</summary>
internal sealed class RcuRandomReadCase : RandomReadCase<RcuBenchMap>;
