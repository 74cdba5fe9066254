namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>ConcurrentDictionary, add-only.</summary>
internal sealed class ConcurrentAddOnlyCase : AddOnlyCase<ConcurrentBenchMap>;
