using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>
/// <c>TryAdd</c> of distinct keys into a map that starts empty at its default size, so growth is part of the cost:
/// thread i adds i, i + T, i + 2T, ... (T threads). A run adds at most <see cref="MaxKeys"/> keys in all; past that a
/// thread starts its sequence again and its adds fail (a lookup in effect), which bounds memory on a fast machine.
/// At the default window on 2 cores the bound is far off (a few million adds per second).
/// </summary>
/// <typeparam name="TMap">The competitor.</typeparam>
internal sealed class AddOnlyWorkload<TMap> : IScalingWorkload
    where TMap : struct, IBenchMap<TMap>
{
    /// <summary>The most distinct keys one run adds, all threads together.</summary>
    public const int MaxKeys = 8_000_000;

    private readonly TMap _map = TMap.Create(0);
    private readonly int _threads;

    /// <summary>Creates a workload over an empty map.</summary>
    /// <param name="threads">How many threads will add (they interleave their keys).</param>
    public AddOnlyWorkload(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        _threads = threads;
    }

    /// <inheritdoc />
    public IScalingWorker CreateWorker(int threadIndex)
    {
        _map.TryGet(-1, out _); // registration outside the window; -1 is never added
        return new Worker(_map, threadIndex, _threads);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Worker : IScalingWorker
    {
        private readonly TMap _map;
        private readonly int _first;
        private readonly int _step;
        private readonly int _last;
        private int _next;

        public Worker(TMap map, int first, int step)
        {
            _map = map;
            _first = first;
            _step = step;
            _last = first + step * (MaxKeys / step - 1);
            _next = first;
        }

        public void Execute(int operations)
        {
            TMap m = _map;
            int next = _next, step = _step, last = _last;
            for (int i = 0; i < operations; i++)
            {
                m.TryAdd(next, i);
                next = next >= last ? _first : next + step;
            }
            _next = next;
        }
    }
}
