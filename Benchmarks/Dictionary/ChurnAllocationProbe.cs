using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>
/// Bytes allocated per operation by one thread in steady add/remove churn (<see cref="ChurnWorkload{TMap}"/>),
/// from <see cref="GC.GetAllocatedBytesForCurrentThread"/>. "Steady" means after warm-up rounds: a map that recycles
/// storage only after a grace period may keep growing its pools until grace periods keep pace, so warm-up stops at
/// the first round that allocates nothing (or after the given number of rounds), then one round is measured.
/// </summary>
internal static class ChurnAllocationProbe
{
    /// <summary>Measures one competitor.</summary>
    /// <typeparam name="TMap">The competitor.</typeparam>
    /// <param name="keys">The key space of the churn.</param>
    /// <param name="operationsPerRound">Operations per round (each a remove or an add).</param>
    /// <param name="maxWarmupRounds">The most warm-up rounds.</param>
    /// <param name="warmupRounds">How many warm-up rounds ran.</param>
    /// <returns>Bytes per operation in the measured round.</returns>
    public static double BytesPerOperation<TMap>(int keys, int operationsPerRound, int maxWarmupRounds, out int warmupRounds)
        where TMap : struct, IBenchMap<TMap>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(operationsPerRound, 1);
        using var workload = new ChurnWorkload<TMap>(keys);
        IScalingWorker worker = workload.CreateWorker(0);
        warmupRounds = 0;
        while (warmupRounds < maxWarmupRounds)
        {
            warmupRounds++;
            if (AllocatedBy(worker, operationsPerRound) == 0)
                break;
        }
        return AllocatedBy(worker, operationsPerRound) / (double)operationsPerRound;
    }

    private static long AllocatedBy(IScalingWorker worker, int operations)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        worker.Execute(operations);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
