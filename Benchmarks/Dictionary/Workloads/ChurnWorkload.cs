using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>
/// Steady add/remove churn: a map holding keys 0..n−1 where each thread removes a random key and adds it back, one
/// call per operation (remove, add, remove, add, ...). The key count stays about n, so in steady state a map that
/// recycles its storage allocates nothing; the harness's bytes per operation show which ones do.
/// </summary>
/// <typeparam name="TMap">The competitor.</typeparam>
/// <param name="keys">The key space n.</param>
internal sealed class ChurnWorkload<TMap>(int keys) : IScalingWorkload
    where TMap : struct, IBenchMap<TMap>
{
    private readonly TMap _map = BenchMaps.CreateFilled<TMap>(keys);

    /// <inheritdoc />
    public IScalingWorker CreateWorker(int threadIndex)
    {
        _map.TryGet(0, out _); // registration outside the window
        return new Worker(_map, new KeyStream(keys, threadIndex));
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Worker(TMap map, KeyStream keys) : IScalingWorker
    {
        private KeyStream _keys = keys;
        private int _removed = -1;

        public void Execute(int operations)
        {
            TMap m = map;
            int removed = _removed;
            for (int i = 0; i < operations; i++)
            {
                if (removed < 0)
                {
                    removed = _keys.Next();
                    m.TryRemove(removed);
                }
                else
                {
                    m.TryAdd(removed, i);
                    removed = -1;
                }
            }
            _removed = removed;
        }
    }
}
