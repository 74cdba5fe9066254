namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>NonBlocking.ConcurrentDictionary, random-key lookups (1M keys).</summary>
internal sealed class NonBlockingRandomReadCase : RandomReadCase<NonBlockingBenchMap>;
