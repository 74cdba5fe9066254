namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>Dictionary + ReaderWriterLockSlim, add-only.</summary>
internal sealed class LockedAddOnlyCase : AddOnlyCase<LockedBenchMap>;
