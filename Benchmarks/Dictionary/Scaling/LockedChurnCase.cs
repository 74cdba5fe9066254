namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>Dictionary + ReaderWriterLockSlim, add/remove churn (1K keys).</summary>
internal sealed class LockedChurnCase : ChurnCase<LockedBenchMap>;
