namespace RcuCollections;

/// <summary>Internal shape figures of an <see cref="RcuDictionary{TKey, TValue}"/> (tests and benchmarks).</summary>
/// <param name="Segments">The number of segments.</param>
/// <param name="TotalCapacity">Slots over all segment tables.</param>
/// <param name="MaxSegmentCapacity">Slots of the largest segment table.</param>
/// <param name="PendingSlots">Tombstoned slots still waiting for a grace period.</param>
/// <param name="LongestProbe">The most slots a successful lookup of any present key inspects.</param>
/// <param name="MeanProbe">The slots a successful lookup inspects, averaged over the present keys.</param>
/// <param name="Rebuilds">Tables published since construction, over all segments (growth, compaction, shrinking, clearing).</param>
/// <param name="ScrambledSegments">Segments whose current table places keys by the scrambled hash.</param>
internal readonly record struct RcuDictionaryDiagnostics(int Segments, long TotalCapacity, int MaxSegmentCapacity, long PendingSlots, int LongestProbe, double MeanProbe, long Rebuilds, int ScrambledSegments);
