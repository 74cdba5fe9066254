using System.Diagnostics;

namespace RcuCollections.Benchmarks.List;

/// <summary>
/// Allocated bytes per write of a pooled RcuList at steady state, for a writer that does some other work between
/// writes (a paced writer), next to the same writes on a plain RcuList. A saturating writer (BenchmarkDotNet's loop)
/// retires versions faster than grace periods complete, so it outruns the pool; see docs/benchmarks/list.md.
/// </summary>
public static class ListPooledAllocation
{
    /// <summary>One measurement.</summary>
    /// <param name="Size">The list's size.</param>
    /// <param name="Pause">The writer's work between two writes.</param>
    /// <param name="PooledBytesPerWrite">Bytes allocated per write by the pooled list.</param>
    /// <param name="PlainBytesPerWrite">Bytes allocated per write by the plain list.</param>
    /// <param name="PoolHitRate">The share of pooled writes served from the pool.</param>
    public readonly record struct Result(int Size, TimeSpan Pause, double PooledBytesPerWrite, double PlainBytesPerWrite, double PoolHitRate);

    /// <summary>Replaces one element <paramref name="writes"/> times, pausing <paramref name="pause"/> (busy) between writes.</summary>
    public static Result Measure(int size, int writes, TimeSpan pause)
    {
        var pooled = new RcuList<int>(Enumerable.Range(0, size), new RcuListOptions { PoolArrays = true });
        var plain = new RcuList<int>(Enumerable.Range(0, size));
        Run(pooled, writes / 4, pause); // warm up: JIT, callback thread, pool filled
        Run(plain, writes / 4, pause);
        RcuDomain.Default.Barrier();
        long hits = pooled.Pool!.Hits, misses = pooled.Pool.Misses;
        double pooledBytes = Run(pooled, writes, pause);
        double hitRate = (double)(pooled.Pool.Hits - hits) / Math.Max(1, pooled.Pool.Hits - hits + pooled.Pool.Misses - misses);
        double plainBytes = Run(plain, writes, pause);
        return new Result(size, pause, pooledBytes, plainBytes, hitRate);
    }

    private static double Run(RcuList<int> list, int writes, TimeSpan pause)
    {
        long pauseTicks = (long)(pause.TotalSeconds * Stopwatch.Frequency);
        long allocated = 0;
        for (int i = 0; i < writes; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            list[i % list.Count] = i;
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            long until = Stopwatch.GetTimestamp() + pauseTicks;
            while (Stopwatch.GetTimestamp() < until) Thread.SpinWait(20); // the writer's other work
        }
        return (double)allocated / writes;
    }
}
