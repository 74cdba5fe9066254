using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using RcuCollections.AddressSpaces;

namespace RcuCollections.Benchmarks.AddressSpaces;

/// <summary>
/// Workload 5, the virtio-gpu case: map a blob RAM subregion (prio 1) into a 128 MiB hostmem container, unmap it, and
/// wait for its owner's release, while a vCPU thread spins inside long read sections (it leaves when its force callback
/// fires or after <see cref="SpinMs"/>). Policies: "no-force" (the pre-fix engine: poll, never force; latency follows
/// the spin length, and is unbounded for a vCPU that never exits on its own), "fqs" (force after 5 polls of 10 ms),
/// "fqs+expedite" (Expedite right after the unmap, like the v3 force_rcu). Each operation is one map/unmap/release.
/// </summary>
[WarmupCount(1)]
[IterationCount(12)]
[InvocationCount(1)]
public class UnmapLatencyBenchmarks
{
    private RcuDomain _domain = null!;
    private MemoryMap _map = null!;
    private MemoryRegion _hostMem = null!;
    private Thread _vcpu = null!;
    private volatile bool _stop;
    private int _kicked;

    [Params("no-force", "fqs", "fqs+expedite")]
    public string Policy { get; set; } = "fqs";

    [Params(1, 20, 100)]
    public int SpinMs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        RcuOptions options = Policy == "no-force"
            ? new RcuOptions { PollsBeforeForce = int.MaxValue, ForceAtPendingCallbacks = 1_000_000 }
            : new RcuOptions();
        _domain = new RcuDomain(options);
        _map = new MemoryMap(_domain);
        MemoryRegion system = MemoryRegion.Container("system", ulong.MaxValue);
        _hostMem = MemoryRegion.Container("hostmem", 128UL << 20);
        system.AddSubregion(0x1_0000_0000, _hostMem);
        AddressSpace space = _map.CreateAddressSpace("memory", system);
        _vcpu = new Thread(() => RunVcpu(space)) { IsBackground = true, Name = "vCPU" };
        _vcpu.Start();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop = true;
        _vcpu.Join();
        _map.Dispose();
        _domain.Dispose();
    }

    [Benchmark]
    public void MapUnmapUntilReleased()
    {
        using ManualResetEventSlim released = new();
        MemoryRegion blob = MemoryRegion.Ram("blob", 2 << 20);
        blob.Owner = MemoryRegionOwner.Create(released.Set);
        _hostMem.AddSubregion(0x100_0000, blob, 1);
        _hostMem.RemoveSubregion(blob);
        if (Policy == "fqs+expedite")
        {
            _domain.Expedite();
        }

        if (!released.Wait(TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException("The owner was not released within 10 s.");
        }
    }

    private void RunVcpu(AddressSpace space)
    {
        using IDisposable registration = _domain.RegisterForceCallback(() => Volatile.Write(ref _kicked, 1));
        long spin = (long)(SpinMs * Stopwatch.Frequency / 1000.0);
        while (!_stop)
        {
            using (_domain.ReadLock())
            {
                _ = space.Translate(0x1_0100_0000);
                long start = Stopwatch.GetTimestamp();
                while (Volatile.Read(ref _kicked) == 0 && Stopwatch.GetTimestamp() - start < spin && !_stop)
                {
                    Thread.SpinWait(32);
                }
            }

            Volatile.Write(ref _kicked, 0);
        }
    }
}
