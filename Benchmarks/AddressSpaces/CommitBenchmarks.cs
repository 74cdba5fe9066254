using BenchmarkDotNet.Attributes;
using RcuCollections.AddressSpaces;

namespace RcuCollections.Benchmarks.AddressSpaces;

/// <summary>
/// Commit latency on the PC layout: one BAR toggled (PCI command memory-enable → SetEnabled) or moved. Each is a full
/// commit: render, build the lookup index, publish, retire the old view through the default domain.
/// </summary>
[MemoryDiagnoser]
public class CommitBenchmarks
{
    private PcMachine _machine = null!;
    private int _next;

    [Params(60, 1000)]
    public int Ranges { get; set; }

    [GlobalSetup]
    public void Setup() => _machine = PcMachine.Create(RcuDomain.Default, PcMachine.DevicesFor(Ranges));

    [GlobalCleanup]
    public void Cleanup() => _machine.Dispose();

    [Benchmark]
    public void ToggleBar()
    {
        MemoryRegion bar = _machine.Bars[_next++ % _machine.Bars.Count];
        bar.SetEnabled(!bar.Enabled);
    }

    [Benchmark]
    public void MoveBar()
    {
        MemoryRegion bar = _machine.Bars[_next++ % _machine.Bars.Count];
        bar.SetAddress(bar.Address ^ 0x10_0000_0000);
    }
}
