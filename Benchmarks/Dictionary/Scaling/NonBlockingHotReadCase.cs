namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>NonBlocking.ConcurrentDictionary, hot-key lookups (1K keys).</summary>
internal sealed class NonBlockingHotReadCase : HotReadCase<NonBlockingBenchMap>;
