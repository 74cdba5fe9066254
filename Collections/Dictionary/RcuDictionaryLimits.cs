namespace RcuCollections;

/// <summary>Sizing constants shared by every <see cref="RcuDictionary{TKey, TValue}"/> instantiation.</summary>
internal static class RcuDictionaryLimits
{
    /// <summary>The most segments a dictionary may have (each costs a lock object and a table).</summary>
    public const int MaxSegments = 4096;

    /// <summary>The smallest non-empty per-segment table, in entries.</summary>
    public const int MinSegmentCapacity = 4;

    /// <summary>The largest per-segment table (entry indices are positive <see cref="int"/>s, and arrays stay under 2^30).</summary>
    public const int MaxSegmentCapacity = 1 << 30;

    /// <summary>Retired slots collected before a grace-period poll starts for them (amortises the poll's full fence).</summary>
    public const int SealThreshold = 8;

    /// <summary>
    /// An insert further than this from its home slot moves its segment to scrambled placement. Random placement at the
    /// highest load (3/4) rarely displaces a key this far; clustered multiplicative placement does.
    /// </summary>
    public const int MaxDisplacement = 48;

    /// <summary>
    /// A rebuild whose multiplicative placement of at least <see cref="MinKeysForShapeCheck"/> keys needs more probes per key
    /// than this (times 4) moves the segment to scrambled placement: random placement at the two-thirds load a rebuild
    /// starts at averages (1 + 1/(1 - 2/3)) / 2 = 2 probes.
    /// </summary>
    public const int MaxMeanProbeTimes4 = 10;

    /// <summary>
    /// A multiplicatively placed segment whose live keys need more probes per key than this (times 4) moves to scrambled
    /// placement: random placement at the highest load a table reaches (3/4) averages (1 + 1/(1 - 3/4)) / 2 = 2.5.
    /// </summary>
    public const int MaxLiveMeanProbeTimes4 = 12;

    /// <summary>Fewer keys than this say too little about clustering for a rebuild to change placement.</summary>
    public const int MinKeysForShapeCheck = 32;

    /// <summary>How many times the size its count needs a segment's table may grow to absorb churn that outpaces grace periods.</summary>
    public const int MaxChurnGrowth = 16;

    /// <summary>Lock-free scans of a segment that an enumeration tries before it copies the segment under its lock.</summary>
    public const int SnapshotAttempts = 3;

    /// <summary>Shrink when the live pairs fall below capacity / this (and to a quarter of their high-water mark).</summary>
    public const int ShrinkDivisor = 8;

    /// <summary>Picks the segment count for an option value of 0 (automatic) or a requested count.</summary>
    public static int ResolveSegmentCount(int requested)
    {
        int wanted = requested > 0 ? requested : Math.Max(16, 4 * Environment.ProcessorCount);
        return (int)Math.Min(MaxSegments, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)wanted));
    }
}
