namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>NonBlocking.ConcurrentDictionary, add-only.</summary>
internal sealed class NonBlockingAddOnlyCase : AddOnlyCase<NonBlockingBenchMap>;
