using BenchmarkDotNet.Attributes;
using RcuCollections.AddressSpaces;
using RcuCollections.Benchmarks.Baselines;

namespace RcuCollections.Benchmarks.AddressSpaces;

/// <summary>
/// Workload 1: PC layout, lookup only, one thread. Our Translate (one read section per call, and a vCPU-style batch in
/// one section) against the QEMU-style radix dispatch with its shared MRU (same section discipline) and a
/// ReaderWriterLockSlim-guarded sorted array. Every variant is checked to return identical results in setup.
/// </summary>
[MemoryDiagnoser]
public class TranslateBenchmarks
{
    private const int Batch = 4096;

    private PcMachine _machine = null!;
    private RcuDomain _domain = null!;
    private QemuStyleDispatch _qemu = null!;
    private RwLockSortedRanges _rwLock = null!;
    private ulong[] _addresses = [];

    /// <summary>Approximate number of ranges in the view: the plain PC layout, or scaled with extra devices.</summary>
    [Params(60, 1000)]
    public int Ranges { get; set; }

    /// <summary>"random": uniform over ranges; "locality": 90% RAM.</summary>
    [Params("random", "locality")]
    public string Pattern { get; set; } = "random";

    [GlobalSetup]
    public void Setup()
    {
        _domain = RcuDomain.Default;
        _machine = PcMachine.Create(_domain, PcMachine.DevicesFor(Ranges));
        FlatView view = _machine.Memory.CurrentView;
        _qemu = new QemuStyleDispatch(view.Ranges);
        _rwLock = new RwLockSortedRanges(view.Ranges);
        _addresses = Pattern == "random" ? AddressPatterns.Random(view, Batch, 42) : AddressPatterns.Locality(view, Batch, 42);
        TranslateCrossCheck.Verify(view, _qemu, _rwLock, _addresses);
        Console.WriteLine($"// view ranges: {view.Ranges.Count}, QEMU-style sections: {_qemu.SectionCount}, nodes: {_qemu.NodeCount}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _rwLock.Dispose();
        _machine.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public ulong Rcu_Translate()
    {
        AddressSpace space = _machine.Memory;
        ulong sum = 0;
        foreach (ulong address in _addresses)
        {
            sum += space.Translate(address).OffsetInRegion;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public ulong Rcu_Translate_OneSection()
    {
        using RcuReadGuard guard = _domain.ReadLock();
        FlatView view = _machine.Memory.CurrentView;
        ulong sum = 0;
        foreach (ulong address in _addresses)
        {
            sum += view.Translate(address).OffsetInRegion;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public ulong QemuStyle_Translate()
    {
        ulong sum = 0;
        foreach (ulong address in _addresses)
        {
            using RcuReadGuard guard = _domain.ReadLock();
            sum += Volatile.Read(ref _qemu).Translate(address).OffsetInRegion;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public ulong QemuStyle_Translate_OneSection()
    {
        using RcuReadGuard guard = _domain.ReadLock();
        QemuStyleDispatch dispatch = Volatile.Read(ref _qemu);
        ulong sum = 0;
        foreach (ulong address in _addresses)
        {
            sum += dispatch.Translate(address).OffsetInRegion;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public ulong RwLock_Translate()
    {
        ulong sum = 0;
        foreach (ulong address in _addresses)
        {
            sum += _rwLock.Translate(address).OffsetInRegion;
        }

        return sum;
    }
}
