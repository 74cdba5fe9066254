using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>
/// Lookups of uniformly random keys in a map holding keys 0..n−1, mixed with indexer sets of random existing keys
/// (the write fraction): the read, 90/10 and 50/50 workloads. Writes only overwrite, so the key set never changes
/// and one filled map can serve many runs.
/// </summary>
/// <typeparam name="TMap">The competitor.</typeparam>
/// <param name="map">The filled map.</param>
/// <param name="keys">The key space n; the map holds keys 0..n−1.</param>
/// <param name="writeFraction">The fraction of operations that are sets, in [0, 1].</param>
internal sealed class ReadMixWorkload<TMap>(TMap map, int keys, double writeFraction) : IScalingWorkload
    where TMap : struct, IBenchMap<TMap>
{
    /// <summary>Creates a workload over a freshly filled map.</summary>
    /// <param name="keys">The key space.</param>
    /// <param name="writeFraction">The fraction of sets.</param>
    /// <returns>The workload.</returns>
    public static ReadMixWorkload<TMap> Filled(int keys, double writeFraction) =>
        new(BenchMaps.CreateFilled<TMap>(keys), keys, writeFraction);

    /// <summary>Gets the map.</summary>
    public TMap Map => map;

    /// <inheritdoc />
    public IScalingWorker CreateWorker(int threadIndex)
    {
        // One lookup on the measuring thread before the start barrier: RCU reader registration and the first
        // touch of the map's thread-local state happen outside the window.
        map.TryGet(0, out _);
        return new Worker(map, new KeyStream(keys, threadIndex), new ReadWriteMix(writeFraction, threadIndex));
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Worker(TMap map, KeyStream keys, ReadWriteMix mix) : IScalingWorker
    {
        private KeyStream _keys = keys;
        private ReadWriteMix _mix = mix;
        private long _sink;

        public void Execute(int operations)
        {
            // Locals, so the generators live in registers inside the loop; written back after it.
            TMap m = map;
            KeyStream keyStream = _keys;
            ReadWriteMix writes = _mix;
            long sink = 0;
            for (int i = 0; i < operations; i++)
            {
                int key = keyStream.Next();
                if (writes.NextIsWrite())
                {
                    m.Set(key, i);
                }
                else
                {
                    m.TryGet(key, out int value);
                    sink += value;
                }
            }
            _keys = keyStream;
            _mix = writes;
            _sink += sink; // keeps the lookups observable
        }
    }
}
