namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>
/// Managed heap bytes per entry of a map grown from empty: the <see cref="GC.GetTotalMemory"/> difference, each side
/// after forced full collections. Before the second reading the default domain's deferred work is drained
/// (<see cref="RcuDomain.Synchronize"/> then <see cref="RcuDomain.Barrier"/>), so tables an RcuDictionary replaced
/// while growing are already released, as a ConcurrentDictionary's old tables are garbage at once.
/// </summary>
internal static class MemoryPerEntryProbe
{
    /// <summary>Builds a map of keys 0..<paramref name="entries"/>−1 from its default size and measures it.</summary>
    /// <typeparam name="TMap">The competitor.</typeparam>
    /// <param name="entries">How many entries; at least 1.</param>
    /// <param name="bytesPerEntry">The heap growth divided by <paramref name="entries"/>.</param>
    /// <returns>The map (kept for further measurements).</returns>
    public static TMap Build<TMap>(int entries, out double bytesPerEntry) where TMap : struct, IBenchMap<TMap>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(entries, 1);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        TMap map = TMap.Create(0);
        BenchMaps.Fill(map, entries);
        RcuDomain.Default.Synchronize();
        RcuDomain.Default.Barrier();
        long after = GC.GetTotalMemory(forceFullCollection: true);
        bytesPerEntry = (after - before) / (double)entries;
        return map;
    }
}
