using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using RcuCollections.AddressSpaces;
using RcuCollections.Benchmarks.Baselines;

namespace RcuCollections.Benchmarks.AddressSpaces;

/// <summary>
/// Workload 2: BAR remap storm. A writer thread toggles BARs at about <see cref="StormHz"/> while the benchmark thread
/// translates random addresses. Each method gets its own storm that updates only the structure it reads: a commit of
/// ours (render, index, publish, retire), or that commit's ranges turned into a new QEMU-style dispatch published
/// under RCU, or swapped into the RW-lock array under its write lock. Reader slowdown is the ratio of the StormHz=1000
/// row to the StormHz=0 row of the same method. The achieved rate and commit latency percentiles are printed at cleanup.
/// </summary>
public class RemapStormBenchmarks
{
    private const int Batch = 4096;

    private PcMachine _machine = null!;
    private QemuStyleDispatch _qemu = null!;
    private RwLockSortedRanges _rwLock = null!;
    private ulong[] _addresses = [];
    private Thread? _storm;
    private volatile bool _stop;
    private readonly List<double> _commitMicroseconds = [];
    private long _ticks;
    private Stopwatch _stormClock = new();

    [Params(0, 1000)]
    public int StormHz { get; set; }

    private enum Target
    {
        Rcu,
        QemuStyle,
        RwLock,
    }

    [GlobalSetup(Target = nameof(Rcu_Translate))]
    public void SetupRcu() => Setup(Target.Rcu);

    [GlobalSetup(Target = nameof(QemuStyle_Translate))]
    public void SetupQemuStyle() => Setup(Target.QemuStyle);

    [GlobalSetup(Target = nameof(RwLock_Translate))]
    public void SetupRwLock() => Setup(Target.RwLock);

    private void Setup(Target target)
    {
        _machine = PcMachine.Create(RcuDomain.Default, PcMachine.DevicesFor(1000));
        FlatView view = _machine.Memory.CurrentView;
        _qemu = new QemuStyleDispatch(view.Ranges);
        _rwLock = new RwLockSortedRanges(view.Ranges);
        _addresses = AddressPatterns.Random(view, Batch, 7);
        if (StormHz > 0)
        {
            _storm = new Thread(() => Storm(target)) { IsBackground = true, Name = "remap storm" };
            _storm.Start();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop = true;
        _storm?.Join();
        if (_commitMicroseconds.Count > 0)
        {
            _commitMicroseconds.Sort();
            double rate = _ticks / _stormClock.Elapsed.TotalSeconds;
            Console.WriteLine($"// storm: {rate:F0} commits/s achieved; commit p50 {Percentile(0.5):F1} µs, p99 {Percentile(0.99):F1} µs, max {_commitMicroseconds[^1]:F1} µs");
        }

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
    public ulong QemuStyle_Translate()
    {
        ulong sum = 0;
        foreach (ulong address in _addresses)
        {
            using RcuReadGuard guard = RcuDomain.Default.ReadLock();
            sum += Volatile.Read(ref _qemu).Translate(address).OffsetInRegion;
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

    private void Storm(Target target)
    {
        TimeSpan period = TimeSpan.FromSeconds(1.0 / StormHz);
        _stormClock = Stopwatch.StartNew();
        TimeSpan next = period;
        int bar = 0;
        while (!_stop)
        {
            MemoryRegion region = _machine.Bars[bar++ % _machine.Bars.Count];
            long start = Stopwatch.GetTimestamp();
            region.SetEnabled(!region.Enabled);
            _commitMicroseconds.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);

            IReadOnlyList<FlatRange> ranges = _machine.Memory.CurrentView.Ranges;
            if (target == Target.QemuStyle)
            {
                // The replaced dispatch holds nothing to release; the GC reclaims it once no reader holds it.
                Volatile.Write(ref _qemu, new QemuStyleDispatch(ranges));
            }
            else if (target == Target.RwLock)
            {
                _rwLock.Replace(ranges);
            }

            _ticks++;

            // Pace to the next tick: sleep while more than ~1.5 ms remain (Linux sleeps overshoot), then yield.
            while (!_stop && _stormClock.Elapsed < next)
            {
                if (next - _stormClock.Elapsed > TimeSpan.FromMilliseconds(1.5))
                {
                    Thread.Sleep(1);
                }
                else
                {
                    Thread.Yield();
                }
            }

            next += period;
        }
    }

    private double Percentile(double p) => _commitMicroseconds[(int)Math.Min(_commitMicroseconds.Count - 1, p * _commitMicroseconds.Count)];
}
