using BenchmarkDotNet.Attributes;

namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>Single-threaded BenchmarkDotNet view of lookups: 1K hot keys and 1M random keys, each map (int→int).</summary>
[MemoryDiagnoser]
public class DictionaryReadBenchmarks
{
    private IBenchMap _map = null!;
    private int[] _probe = [];

    /// <summary>The map under test (see <see cref="BenchMaps.Names"/>).</summary>
    [Params("rcu", "concurrent", "nonblocking", "dictionary-rwls", "immutable")]
    public string Map { get; set; } = "rcu";

    /// <summary>Keys in the map: 1K (hot) or 1M (random, cache-missing).</summary>
    [Params(1 << 10, 1 << 20)]
    public int Keys { get; set; }

    /// <summary>Fills the map and a random probe sequence.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _map = BenchMaps.Create(Map, Keys);
        for (int k = 0; k < Keys; k++) _map.TryAdd(k, k);
        var random = new Random(42);
        _probe = Enumerable.Range(0, 4096).Select(_ => random.Next(Keys)).ToArray();
    }

    /// <summary>4096 lookups per invocation.</summary>
    [Benchmark(OperationsPerInvoke = 4096)]
    public int TryGetValue()
    {
        int sum = 0;
        foreach (int key in _probe)
        {
            _map.TryGet(key, out int value);
            sum += value;
        }
        return sum;
    }
}
