using BenchmarkDotNet.Attributes;
using RcuCollections.AddressSpaces;
using RcuCollections.Benchmarks.Baselines;

namespace RcuCollections.Benchmarks.AddressSpaces;

/// <summary>
/// Workload 9: 1k–10k regions (DIMMs / virtio-mem blocks above 4 GiB). A commit re-renders everything, so its time
/// is the render + index build; QEMU's own algorithm (gap filling with array inserts, O(R·N)) is the baseline.
/// </summary>
public class ScaleBenchmarks
{
    private MemoryMap _map = null!;
    private MemoryRegion _system = null!;
    private MemoryRegion[] _blocks = [];
    private int _next;

    [Params(1000, 2000, 5000, 10000)]
    public int Regions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _system = MemoryRegion.Container("system", ulong.MaxValue);
        _system.AddSubregion(0, MemoryRegion.Ram("ram-below-4g", 0xC000_0000));
        _blocks = new MemoryRegion[Regions];
        for (int i = 0; i < Regions; i++)
        {
            _blocks[i] = MemoryRegion.Ram($"virtio-mem-{i}", 128UL << 20);
            _system.AddSubregion(0x1_0000_0000 + ((ulong)i * (256UL << 20)), _blocks[i]);
        }

        _map = new MemoryMap(RcuDomain.Default);
        _map.CreateAddressSpace("memory", _system);
    }

    [GlobalCleanup]
    public void Cleanup() => _map.Dispose();

    [Benchmark(Baseline = true)]
    public void Commit_ToggleOneBlock()
    {
        MemoryRegion block = _blocks[_next++ % _blocks.Length];
        block.SetEnabled(!block.Enabled);
    }

    [Benchmark]
    public int QemuStyleRender() => QemuStyleRenderer.Render(_system).Count;
}
