using BenchmarkDotNet.Attributes;
using RcuCollections.Benchmarks.Baselines.LegacyRcu;
using RcuCollections.Benchmarks.Engine.Seed;
using RcuCollections.Benchmarks.Engines;
using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine;

/// <summary>
/// BenchmarkDotNet: <c>Synchronize</c> with quiescent readers (registered threads parked outside any section), on
/// RcuDomain in both flavours and on the pre-patch port (its default full-fence build) as the baseline. Target
/// (issue 2): under 100 µs median for RcuDomain.
/// Run: <c>dotnet run -c Release --project Benchmarks -- bdn --filter '*SynchronizeBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
public class SynchronizeBenchmarks
{
    private RcuDomainEngine _asymmetric = null!;
    private RcuDomainEngine _fullFence = null!;
    private LegacyRcuDomain _legacy = null!;
    private readonly List<BackgroundThreadGroup> _readers = [];

    /// <summary>Gets or sets the number of quiescent reader threads registered with each engine.</summary>
    [Params(2)]
    public int Readers { get; set; }

    /// <summary>Creates the engines and their idle readers.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _asymmetric = new RcuDomainEngine(new RcuOptions { Name = "bdn-sync-asymmetric" });
        _fullFence = new RcuDomainEngine(new RcuOptions { Name = "bdn-sync-full-fence", ReadFlavor = RcuReadFlavor.FullFence });
        _legacy = new LegacyRcuDomain();
        foreach (IRcuEngine engine in new IRcuEngine[] { _asymmetric, _fullFence, _legacy })
            _readers.Add(SeedReaders.Start(engine, Readers, SeedReaders.Idle));
    }

    /// <summary>Stops the readers and disposes the engines.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (BackgroundThreadGroup group in _readers)
            group.Dispose();
        _asymmetric.Dispose();
        _fullFence.Dispose();
        _legacy.Dispose();
    }

    /// <summary>The baseline: the pre-patch port's synchronize_rcu (event-driven; quiescent readers are seen at the first scan).</summary>
    [Benchmark(Baseline = true, Description = "pre-patch port (full fence)")]
    public void Legacy() => _legacy.Synchronize();

    /// <summary>RcuDomain, asymmetric flavour: two process-wide barriers and one scan per grace period.</summary>
    [Benchmark(Description = "RcuDomain (asymmetric)")]
    public void Asymmetric() => _asymmetric.Synchronize();

    /// <summary>RcuDomain, full-fence flavour.</summary>
    [Benchmark(Description = "RcuDomain (full fence)")]
    public void FullFence() => _fullFence.Synchronize();
}
