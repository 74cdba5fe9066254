using BenchmarkDotNet.Attributes;
using RcuCollections.AddressSpaces;

namespace RcuCollections.Benchmarks.AddressSpaces;

/// <summary>
/// Workload 3: reprogramming 6 BARs × 32 devices, as 192 separate commits or as one transaction. The cost follows
/// the number of outermost commits, not the number of changes.
/// </summary>
public class BatchingBenchmarks
{
    private const int Devices = 32;
    private const int BarsPerDevice = 6;

    private PcMachine _machine = null!;
    private MemoryRegion[] _bars = [];

    [GlobalSetup]
    public void Setup()
    {
        _machine = PcMachine.Create(RcuDomain.Default);
        _bars = new MemoryRegion[Devices * BarsPerDevice];
        for (int d = 0; d < Devices; d++)
        {
            for (int b = 0; b < BarsPerDevice; b++)
            {
                MemoryRegion bar = MemoryRegion.Mmio($"d{d}.bar{b}", 0x1000);
                _machine.Pci.AddSubregion(0xF000_0000 + ((ulong)d * 0x10_0000) + ((ulong)b * 0x1_0000), bar, 1);
                _bars[(d * BarsPerDevice) + b] = bar;
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _machine.Dispose();

    [Benchmark(Baseline = true)]
    public void SeparateCommits()
    {
        foreach (MemoryRegion bar in _bars)
        {
            bar.SetAddress(bar.Address ^ 0x8000);
        }
    }

    [Benchmark]
    public void OneTransaction()
    {
        using (_machine.Map.BeginTransaction())
        {
            foreach (MemoryRegion bar in _bars)
            {
                bar.SetAddress(bar.Address ^ 0x8000);
            }
        }
    }
}
