using BenchmarkDotNet.Attributes;

namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>Single-threaded BenchmarkDotNet view of steady remove+add churn over 1K keys (allocation per operation).</summary>
[MemoryDiagnoser]
public class DictionaryChurnBenchmarks
{
    private IBenchMap _map = null!;
    private int _next;

    /// <summary>The map under test.</summary>
    [Params("rcu", "concurrent", "nonblocking", "dictionary-rwls", "immutable")]
    public string Map { get; set; } = "rcu";

    /// <summary>Fills 1K keys.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _map = BenchMaps.Create(Map, 1024);
        for (int k = 0; k < 1024; k++) _map.TryAdd(k, k);
    }

    /// <summary>1024 remove+add pairs per invocation.</summary>
    [Benchmark(OperationsPerInvoke = 2048)]
    public void RemoveAdd()
    {
        for (int i = 0; i < 1024; i++)
        {
            int key = (_next++) & 1023;
            _map.TryRemove(key);
            _map.TryAdd(key, i);
        }
    }
}
