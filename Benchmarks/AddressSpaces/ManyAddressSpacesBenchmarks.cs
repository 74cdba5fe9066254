using BenchmarkDotNet.Attributes;
using RcuCollections.AddressSpaces;

namespace RcuCollections.Benchmarks.AddressSpaces;

/// <summary>
/// Workload 4: bus-master address spaces whose roots alias system memory, with bus-master enable toggled. When shared,
/// each root is a container holding one enabled alias of all of system memory, which reduces to the system region, so
/// every commit renders one view whatever the count; unshared roots (a window smaller than system) render one view
/// each. Listeners add a diff per address space.
/// </summary>
public class ManyAddressSpacesBenchmarks
{
    private PcMachine _machine = null!;
    private MemoryRegion[] _enables = [];
    private int _next;

    [Params(1, 64)]
    public int AddressSpaces { get; set; }

    [Params(true, false)]
    public bool Shared { get; set; }

    [Params(false, true)]
    public bool Listeners { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _machine = PcMachine.Create(RcuDomain.Default);
        _enables = new MemoryRegion[AddressSpaces];
        for (int i = 0; i < AddressSpaces; i++)
        {
            MemoryRegion root = MemoryRegion.Container($"bus-master-{i}", ulong.MaxValue);
            UInt128 window = Shared ? ulong.MaxValue : (UInt128)1 << 40;
            _enables[i] = MemoryRegion.Alias($"bus-master-enable-{i}", _machine.System, 0, window);
            root.AddSubregion(0, _enables[i]);
            AddressSpace space = _machine.Map.CreateAddressSpace($"pci-bm-{i}", root);
            if (Listeners)
            {
                space.RegisterListener(new CountingListener());
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _machine.Dispose();

    [Benchmark]
    public void ToggleBusMasterEnable()
    {
        MemoryRegion enable = _enables[_next++ % _enables.Length];
        enable.SetEnabled(!enable.Enabled);
    }

    private sealed class CountingListener : IMemoryListener
    {
        public long Events { get; private set; }

        public void RegionAdd(FlatRange range) => Events++;

        public void RegionDel(FlatRange range) => Events++;

        public void RegionNop(FlatRange range) => Events++;
    }
}
