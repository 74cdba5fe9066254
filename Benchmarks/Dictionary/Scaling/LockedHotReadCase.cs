namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>Dictionary + ReaderWriterLockSlim, hot-key lookups (1K keys).</summary>
internal sealed class LockedHotReadCase : HotReadCase<LockedBenchMap>;
