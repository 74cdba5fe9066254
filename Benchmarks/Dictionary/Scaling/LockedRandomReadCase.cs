namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>Dictionary + ReaderWriterLockSlim, random-key lookups (1M keys).</summary>
internal sealed class LockedRandomReadCase : RandomReadCase<LockedBenchMap>;
