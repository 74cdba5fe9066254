using System.Diagnostics;

namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>
/// A small multi-threaded throughput runner (threads 1..N, each scenario for a fixed time) plus the memory-per-entry and
/// allocation-per-operation probes. Prints Markdown rows; ratios are against ConcurrentDictionary in the same run.
/// </summary>
internal static class DictionaryThroughput
{
    /// <summary>Runs the whole comparison and writes Markdown to <paramref name="output"/>.</summary>
    public static void Run(TextWriter output, TimeSpan perCell, int[] threadCounts, string[]? maps = null, DictionaryScenario[]? scenarios = null)
    {
        maps ??= BenchMaps.Names;
        scenarios ??= Enum.GetValues<DictionaryScenario>();
        output.WriteLine($"| scenario | threads | {string.Join(" | ", maps.Select(m => m + " Mops/s"))} | Rcu / Concurrent |");
        output.WriteLine($"|---|---|{string.Concat(maps.Select(_ => "---|"))}---|");
        foreach (DictionaryScenario scenario in scenarios)
        {
            foreach (int threads in threadCounts)
            {
                var results = maps.Select(m => Measure(m, scenario, threads, perCell)).ToArray();
                int rcu = Array.IndexOf(maps, "Rcu"), cd = Array.IndexOf(maps, "Concurrent");
                string ratio = rcu >= 0 && cd >= 0 ? (results[rcu] / results[cd]).ToString("F2") : "-";
                output.WriteLine($"| {scenario} | {threads} | {string.Join(" | ", results.Select(r => r.ToString("F1")))} | {ratio} |");
                output.Flush();
            }
        }
    }

    /// <summary>Millions of operations per second for one cell.</summary>
    public static double Measure(string mapName, DictionaryScenario scenario, int threads, TimeSpan duration)
    {
        int keySpace = scenario switch
        {
            DictionaryScenario.ReadHot1K or DictionaryScenario.Churn1K => 1024,
            DictionaryScenario.ReadRandom1M => 1 << 20,
            DictionaryScenario.AddOnly => 0,
            _ => 1 << 16,
        };
        IBenchMap map = BenchMaps.Create(mapName, keySpace);
        for (int k = 0; k < keySpace; k++) map.TryAdd(k, k);

        long totalOps = 0;
        using var start = new Barrier(threads + 1);
        int stop = 0;
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int id = t;
            workers[t] = new Thread(() =>
            {
                uint x = (uint)(id * 0x9E3779B9 + 12345); // xorshift: no shared RNG, no allocation
                long ops = 0;
                int next = id;
                start.SignalAndWait();
                while (Volatile.Read(ref stop) == 0)
                {
                    for (int i = 0; i < 1024; i++)
                    {
                        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
                        switch (scenario)
                        {
                            case DictionaryScenario.ReadHot1K:
                            case DictionaryScenario.ReadRandom1M:
                                map.TryGet((int)(x & (uint)(keySpace - 1)), out _);
                                break;
                            case DictionaryScenario.Mix90_10:
                                if (x % 10 == 0) map.Set((int)((x >> 8) & (uint)(keySpace - 1)), i);
                                else map.TryGet((int)((x >> 8) & (uint)(keySpace - 1)), out _);
                                break;
                            case DictionaryScenario.Mix50_50:
                                if ((x & 1) == 0) map.Set((int)((x >> 8) & (uint)(keySpace - 1)), i);
                                else map.TryGet((int)((x >> 8) & (uint)(keySpace - 1)), out _);
                                break;
                            case DictionaryScenario.AddOnly:
                                map.TryAdd(next, next);
                                next += threads;
                                break;
                            case DictionaryScenario.Churn1K:
                                int key = (int)(x & 1023);
                                map.TryRemove(key);
                                map.TryAdd(key, i);
                                break;
                        }
                    }
                    ops += 1024;
                    // AddOnly stops growing at 4M keys per run so the cell measures inserts, not paging.
                    if (scenario == DictionaryScenario.AddOnly && next >= 4_000_000) break;
                }
                Interlocked.Add(ref totalOps, ops);
            }) { IsBackground = true };
            workers[t].Start();
        }
        start.SignalAndWait();
        long began = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(began) < duration && workers.Any(w => w.IsAlive)) Thread.Sleep(5);
        Volatile.Write(ref stop, 1);
        foreach (Thread worker in workers) worker.Join();
        double seconds = Stopwatch.GetElapsedTime(began).TotalSeconds;
        return Interlocked.Read(ref totalOps) / seconds / 1e6;
    }

    /// <summary>Bytes of managed heap per int→int entry after adding <paramref name="entries"/> keys.</summary>
    public static double BytesPerEntry(string mapName, int entries)
    {
        long before = GC.GetTotalMemory(forceFullCollection: true);
        IBenchMap map = BenchMaps.Create(mapName, 0);
        for (int k = 0; k < entries; k++) map.TryAdd(k, k);
        long after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(map);
        return (after - before) / (double)entries;
    }

    /// <summary>Bytes allocated per operation by a single thread doing remove+add churn over 1K keys, after a warm-up.</summary>
    public static double AllocatedBytesPerChurnOperation(string mapName)
    {
        IBenchMap map = BenchMaps.Create(mapName, 1024);
        for (int k = 0; k < 1024; k++) map.TryAdd(k, k);
        const int Ops = 1_000_000;
        for (int warm = 0; warm < 10; warm++) Churn(map, Ops / 4); // lets grace-period-sized capacity settle
        long before = GC.GetAllocatedBytesForCurrentThread();
        Churn(map, Ops);
        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)(2 * Ops);

        static void Churn(IBenchMap map, int ops)
        {
            for (int i = 0; i < ops; i++)
            {
                int key = i & 1023;
                map.TryRemove(key);
                map.TryAdd(key, i);
            }
        }
    }
}
