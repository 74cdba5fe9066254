namespace RcuCollections.Benchmarks.Soak;

/// <summary>
/// What one worker slot's short-lived threads reuse, one thread after another: the random stream and the counting
/// arrays of the enumeration checks. Allocated once per slot, so the churn of threads adds no bookkeeping garbage.
/// </summary>
public sealed class WorkerScratch
{
    /// <summary>Creates the scratch of one slot.</summary>
    /// <param name="seed">The slot's random seed.</param>
    public WorkerScratch(int seed)
    {
        Random = new Random(seed);
    }

    /// <summary>Gets the slot's random stream (used by one thread at a time).</summary>
    public Random Random { get; }

    /// <summary>Gets a per-key counter array for enumeration checks (large enough for every key space).</summary>
    public int[] Seen { get; } = new int[Math.Max(LedgerMap.KeySpace, NamedMap.KeyCount)];

    /// <summary>Gets or sets the named-map lane the current writer thread holds, or -1.</summary>
    public int Lane { get; set; } = -1;
}
