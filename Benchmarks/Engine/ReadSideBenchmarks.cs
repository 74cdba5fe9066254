using BenchmarkDotNet.Attributes;

namespace RcuCollections.Benchmarks.Engine;

/// <summary>
/// BenchmarkDotNet: one outermost read section (<c>ReadLock</c> + <c>Dispose</c>, uncontended, single thread) on
/// <see cref="RcuDomain.Default"/> and on instance domains in both read flavours, against the
/// <see cref="ReaderWriterLockSlim"/> read pair (the baseline) and <c>lock</c>. Targets (issue 2): Default ≤ 2 ns and
/// ≥ 10x cheaper than the ReaderWriterLockSlim pair; instance domains within 1.5x of Default.
/// </summary>
/// <remarks>
/// <see cref="RcuDomain.Default"/> always uses the asymmetric flavour (its options cannot be changed), so the
/// full-fence flavour is measured on an instance domain.
/// Run: <c>dotnet run -c Release --project Benchmarks -- bdn --filter '*ReadSideBenchmarks*'</c>.
/// </remarks>
[MemoryDiagnoser]
[DisassemblyDiagnoser(maxDepth: 2, printSource: true)]
public class ReadSideBenchmarks
{
    /// <summary>Sections per invocation of the loop benchmarks (the thread reader is looked up once per loop).</summary>
    private const int Loop = 64;

    private readonly ReaderWriterLockSlim _rwLock = new(LockRecursionPolicy.NoRecursion);
    private readonly object _monitor = new();
    private readonly Lock _lock = new();
    private RcuDomain _asymmetric = null!;
    private RcuDomain _fullFence = null!;

    /// <summary>Creates the instance domains and registers the benchmark thread with every domain.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _asymmetric = new RcuDomain(new RcuOptions { Name = "bdn-asymmetric" });
        _fullFence = new RcuDomain(new RcuOptions { Name = "bdn-full-fence", ReadFlavor = RcuReadFlavor.FullFence });
    }

    /// <summary>Disposes the instance domains.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _asymmetric.Dispose();
        _fullFence.Dispose();
        _rwLock.Dispose();
    }

    /// <summary>The baseline: <see cref="ReaderWriterLockSlim.EnterReadLock"/> + <see cref="ReaderWriterLockSlim.ExitReadLock"/>.</summary>
    [Benchmark(Baseline = true, Description = "ReaderWriterLockSlim read pair")]
    public void ReaderWriterLockSlimRead()
    {
        _rwLock.EnterReadLock();
        _rwLock.ExitReadLock();
    }

    /// <summary>Outermost section on <see cref="RcuDomain.Default"/> (asymmetric flavour).</summary>
    [Benchmark(Description = "RcuDomain.Default (asymmetric)")]
    public void DefaultDomain()
    {
        using RcuReadGuard guard = RcuDomain.Default.ReadLock();
    }

    /// <summary>Outermost section on an instance domain, asymmetric flavour (the default).</summary>
    [Benchmark(Description = "instance domain (asymmetric)")]
    public void InstanceAsymmetric()
    {
        using RcuReadGuard guard = _asymmetric.ReadLock();
    }

    /// <summary>Outermost section on an instance domain, full-fence flavour.</summary>
    [Benchmark(Description = "instance domain (full fence)")]
    public void InstanceFullFence()
    {
        using RcuReadGuard guard = _fullFence.ReadLock();
    }

    /// <summary>
    /// <see cref="Loop"/> sections through the thread's <see cref="RcuThreadReader"/>, looked up once: what a thread that
    /// reads in a loop (a vCPU, a worker) pays per section.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Loop, Description = "RcuThreadReader, Default (asymmetric), loop")]
    public void ThreadReaderLoop()
    {
        RcuThreadReader reader = RcuDomain.Default.GetThreadReader();
        for (int i = 0; i < Loop; i++)
        {
            using RcuReadGuard guard = reader.ReadLock();
        }
    }

    /// <summary>The same loop through <see cref="RcuDomain.ReadLock"/> (its thread-static lookup may be hoisted).</summary>
    [Benchmark(OperationsPerInvoke = Loop, Description = "RcuDomain.Default (asymmetric), loop")]
    public void DefaultDomainLoop()
    {
        RcuDomain domain = RcuDomain.Default;
        for (int i = 0; i < Loop; i++)
        {
            using RcuReadGuard guard = domain.ReadLock();
        }
    }

    /// <summary>An async section (<see cref="RcuDomain.EnterAsyncSection"/> + Dispose) on an instance domain.</summary>
    [Benchmark(Description = "async section, instance domain")]
    public void AsyncSection()
    {
        using RcuAsyncSection section = _asymmetric.EnterAsyncSection();
    }

    /// <summary>C# <c>lock</c> on an object (Monitor.Enter/Exit).</summary>
    [Benchmark(Description = "lock (object)")]
    public void MonitorLock()
    {
        lock (_monitor)
        {
        }
    }

    /// <summary>C# <c>lock</c> on a <see cref="System.Threading.Lock"/> (EnterScope/Dispose).</summary>
    [Benchmark(Description = "lock (System.Threading.Lock)")]
    public void ThreadingLock()
    {
        lock (_lock)
        {
        }
    }
}
