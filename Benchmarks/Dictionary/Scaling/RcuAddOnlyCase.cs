namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>RcuDictionary, add-only.</summary>
internal sealed class RcuAddOnlyCase : AddOnlyCase<RcuBenchMap>;
