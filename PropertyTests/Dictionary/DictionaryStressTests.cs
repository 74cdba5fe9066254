using RcuCollections.Tests.Support;
namespace RcuCollections.Tests.Dictionary;

/// <summary>Concurrent stress with accounting, resize in both directions under load, and steady-state allocation.</summary>
public sealed class DictionaryStressTests
{
    [Fact]
    public void Stress_LeakAccounting_AddsMinusRemovesEqualsCount_OverTheWholeWriteApi()
    {
        var map = new RcuDictionary<int, long>(new RcuDictionaryOptions { SegmentCount = 4 });
        const int Threads = 4, KeyRange = 4096;
        long adds = 0, removes = 0;
        using var stop = new CancellationTokenSource(StressTier.Duration(0.3, 20));
        Worker[] workers = Enumerable.Range(0, Threads).Select(t => Workers.Start(() =>
        {
            var random = new Random(t);
            long myAdds = 0, myRemoves = 0, unique = (long)t << 40;
            while (!stop.IsCancellationRequested)
            {
                for (int i = 0; i < 256; i++)
                {
                    int key = random.Next(KeyRange);
                    // Every value is unique, so a call's result tells whether this call's value was the one added.
                    long mine = ++unique;
                    switch (random.Next(7))
                    {
                        case 0: if (map.TryAdd(key, mine)) myAdds++; break;
                        case 1: if (map.TryRemove(key, out _)) myRemoves++; break;
                        case 2:
                            if (map.TryGetValue(key, out long seen) && map.TryRemove(new KeyValuePair<int, long>(key, seen))) myRemoves++;
                            break;
                        case 3: if (map.GetOrAdd(key, _ => mine) == mine) myAdds++; break;
                        case 4: if (map.GetOrAdd(key, mine) == mine) myAdds++; break;
                        case 5: if (map.AddOrUpdate(key, _ => mine, (_, old) => old) == mine) myAdds++; break;
                        default:
                            if (map.TryGetValue(key, out long current)) map.TryUpdate(key, mine, current);
                            break;
                    }
                }
            }
            Interlocked.Add(ref adds, myAdds);
            Interlocked.Add(ref removes, myRemoves);
        })).ToArray();
        Workers.JoinAll(workers);

        Assert.Equal(adds - removes, map.Count);
        int drained = 0;
        foreach (KeyValuePair<int, long> pair in map.ToArray()) if (map.TryRemove(pair.Key, out _)) drained++;
        Assert.Equal(adds - removes, drained);
        Assert.True(map.IsEmpty);
        Assert.Empty(map);
        Assert.True(adds > 1000, "the stress did too little work to mean anything");
    }

    [Fact]
    public void Stress_LeakAccounting_ExactWithCountedOperationsOnly()
    {
        var map = new RcuDictionary<long, long>(new RcuDictionaryOptions { SegmentCount = 2 });
        const int Threads = 4, KeyRange = 2048;
        long adds = 0, removes = 0;
        using var stop = new CancellationTokenSource(StressTier.Duration(0.3, 20));
        Worker[] workers = Enumerable.Range(0, Threads).Select(t => Workers.Start(() =>
        {
            var random = new Random(100 + t);
            long myAdds = 0, myRemoves = 0;
            while (!stop.IsCancellationRequested)
            {
                for (int i = 0; i < 256; i++)
                {
                    long key = random.Next(KeyRange);
                    if (random.Next(2) == 0) { if (map.TryAdd(key, key)) myAdds++; }
                    else if (map.TryRemove(key, out long v)) { Assert.Equal(key, v); myRemoves++; }
                }
            }
            Interlocked.Add(ref adds, myAdds);
            Interlocked.Add(ref removes, myRemoves);
        })).ToArray();
        Workers.JoinAll(workers);
        Assert.Equal(adds - removes, map.Count);
        Assert.Equal(adds - removes, map.ToArray().Length);
        Assert.True(adds > 1000, "the stress did too little work to mean anything");
    }

    [Fact]
    public void Resize_UnderLoad_GrowsAndShrinks_WhileReadersAlwaysFindStableKeys()
    {
        var map = new RcuDictionary<int, int>(new RcuDictionaryOptions { SegmentCount = 4 });
        const int Stable = 256, Wave = 40_000;
        for (int k = 0; k < Stable; k++) map[k] = k;
        int startCapacity = (int)map.GetDiagnostics().TotalCapacity;
        using var done = new CancellationTokenSource();
        long reads = 0;
        Worker[] readers = Enumerable.Range(0, 2).Select(_ => Workers.Start(() =>
        {
            while (!done.IsCancellationRequested)
            {
                for (int k = 0; k < Stable; k++)
                {
                    Assert.True(map.TryGetValue(k, out int v), $"stable key {k} vanished during a resize");
                    Assert.Equal(k, v);
                }
                Interlocked.Add(ref reads, Stable);
            }
        })).ToArray();

        long peak = 0;
        int rounds = StressTier.IsLong ? 20 : 2;
        for (int round = 0; round < rounds; round++)
        {
            for (int k = 0; k < Wave; k++) Assert.True(map.TryAdd(Stable + k, k));
            peak = Math.Max(peak, map.GetDiagnostics().TotalCapacity);
            for (int k = 0; k < Wave; k++) Assert.True(map.TryRemove(Stable + k, out _));
        }
        done.Cancel();
        Workers.JoinAll(readers);

        long after = map.GetDiagnostics().TotalCapacity;
        Assert.True(peak >= Wave, $"did not grow: peak capacity {peak}");
        Assert.True(after <= peak / 16, $"did not shrink: {after} slots after removing down to {Stable} keys (peak {peak}, start {startCapacity})");
        Assert.Equal(Stable, map.Count);
        Assert.True(Interlocked.Read(ref reads) > 0);
    }

    [Fact]
    public void SteadyChurn_AllocatesNothingPerOperation()
    {
        using var domain = new RcuDomain(new RcuOptions { PollInterval = TimeSpan.FromMilliseconds(1) });
        var map = new RcuDictionary<int, int>(new RcuDictionaryOptions { Domain = domain, SegmentCount = 16, Capacity = 1 << 15 });
        for (int k = 0; k < 1000; k++) map[k] = k;
        const int OpsPerRound = 20_000;
        long lastRound = long.MaxValue;
        // Capacity settles once the spare slots outlast a grace period; after that a round must allocate nothing.
        // The grace period between rounds keeps this independent of how loaded the machine is.
        // Debug (BuildFlavor): one round for the functional check; the allocation assertion is Release-only.
        int rounds = BuildFlavor.MeasuresAllocations ? 60 : 1;
        for (int round = 0; round < rounds && lastRound != 0; round++)
        {
            domain.Synchronize();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < OpsPerRound; i++)
            {
                int key = i % 1000;
                map.TryRemove(key, out _);
                map.TryAdd(key, i);
            }
            lastRound = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        // Quiet machine: a round allocates exactly 0 B. When the callback thread is starved (two busy CI cores), a
        // segment can run out of recycled slots and compact, allocating one small Table object now and then; that
        // stays far below one byte per operation, while any per-operation allocation (a node, a closure) would cost
        // at least 24 B per operation.
        if (BuildFlavor.MeasuresAllocations) Assert.True(lastRound <= OpsPerRound / 20, $"the last round allocated {lastRound} B over {OpsPerRound} operations");
        Assert.Equal(1000, map.Count);
    }

    [Fact]
    public void CompactingChurn_PacedByGracePeriods_ReusesSpareTables_AllocatingNothing()
    {
        // Removes leave tombstones that only a grace period makes reusable, and a re-added key mostly takes an empty slot,
        // so churn fills a table until it is compacted (rebuilt at the same size). The replaced table comes back as the
        // segment's spare a grace period later. Pacing the churn with barriers (a grace period plus the callbacks it
        // released) between chunks shorter than one fill makes every spare ready in time: compaction then allocates
        // nothing. (Unpaced churn that outruns grace periods grows the table instead, then allocates now and then.)
        using var domain = new RcuDomain(new RcuOptions { PollInterval = TimeSpan.FromMilliseconds(1) });
        var map = new RcuDictionary<int, int>(new RcuDictionaryOptions { Domain = domain, SegmentCount = 4 });
        const int Keys = 256, Chunk = 32, Chunks = 200;
        for (int k = 0; k < Keys; k++) map[k] = k;
        var random = new Random(3);
        for (int i = 0; i < Chunks; i++) PacedChunk(); // warm-up: the first compaction of each segment has no spare yet
        long rebuildsBefore = map.GetDiagnostics().Rebuilds;
        long allocated = 0;
        for (int i = 0; i < Chunks; i++) allocated += PacedChunk();
        RcuDictionaryDiagnostics shape = map.GetDiagnostics();
        long rebuilds = shape.Rebuilds - rebuildsBefore;
        Assert.True(rebuilds >= 10, $"only {rebuilds} compactions in the measured chunks: the test shows nothing about spares");
        // Release only (BuildFlavor): Debug builds allocate in unoptimised code and invariant checks.
        if (BuildFlavor.MeasuresAllocations) Assert.True(allocated == 0, $"{allocated} B over {Chunk * Chunks} operations and {rebuilds} compactions ({shape.TotalCapacity} slots)");
        Assert.Equal(Keys, map.Count);

        long PacedChunk()
        {
            domain.Barrier();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Chunk; i++)
            {
                int key = random.Next(Keys);
                map.TryRemove(key, out _);
                map.TryAdd(key, i);
            }
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }
}
