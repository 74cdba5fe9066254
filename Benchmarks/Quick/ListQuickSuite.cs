using System.Diagnostics;
using System.Runtime.CompilerServices;
using RcuCollections.Benchmarks.Harness;
using RcuCollections.Benchmarks.List;

namespace RcuCollections.Benchmarks.Quick;

/// <summary>
/// RcuList's headline rows: snapshot iteration against a plain array and ImmutableList (interleaved rounds), indexed
/// reads at 2 threads with a writer running against List + ReaderWriterLockSlim, and allocated bytes per pooled write
/// at steady state against the plain list. Each baseline is measured in the same run.
/// </summary>
public sealed class ListQuickSuite : IQuickSuite
{
    private const string ComponentName = "List";
    private const int Size = 1024;

    /// <inheritdoc />
    public string Component => ComponentName;

    /// <inheritdoc />
    public int Order => 20;

    /// <inheritdoc />
    public IReadOnlyList<QuickRow> Run(QuickSuiteContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rows = new List<QuickRow>();
        bool? Judge(bool met) => context.IsSmoke ? null : met;

        context.Progress.Detail("list iteration");
        var c = new ListContenders(Size);
        var iteration = new InterleavedMeasurement();
        iteration.Add("array", d => NanosecondsPerPass(d, () => SumArray(c.Array)));
        iteration.Add("foreach", d => NanosecondsPerPass(d, () => SumForeach(c.Rcu)));
        iteration.Add("read", d => NanosecondsPerPass(d, () => SumRead(c.Rcu)));
        iteration.Add("immutable-list", d => NanosecondsPerPass(d, () => SumImmutableList(c)));
        IReadOnlyDictionary<string, RunStatistics> ns = iteration.Run(context.MeasurementDuration, context.Runs, context.Progress, context.CancellationToken);
        double array = ns["array"].Median, forEach = ns["foreach"].Median, read = ns["read"].Median, immutable = ns["immutable-list"].Median;
        string note = $"{Size} ints, median of {context.Runs} interleaved rounds";
        rows.Add(new QuickRow(ComponentName, $"foreach over RcuList ({Size} ints)", forEach, "ns", "int[] foreach", array, LowerIsBetter: true, "within 1.1x")
        { TargetMet = Judge(forEach <= 1.1 * array), Note = note });
        rows.Add(new QuickRow(ComponentName, $"RcuList.Read() span ({Size} ints)", read, "ns", "int[] foreach", array, LowerIsBetter: true, "within 1.1x")
        { TargetMet = Judge(read <= 1.1 * array), Note = note });
        rows.Add(new QuickRow(ComponentName, $"foreach over RcuList ({Size} ints)", forEach, "ns", "ImmutableList<T> foreach", immutable, LowerIsBetter: true, "≥ 5x")
        { TargetMet = Judge(immutable / forEach >= 5), Note = note });

        context.Progress.Detail("list reads, 2 threads, writer running");
        TimeSpan window = context.IsSmoke ? TimeSpan.FromMilliseconds(20) : context.MeasurementDuration;
        var rcuRates = new List<double>();
        var rwlsRates = new List<double>();
        for (int run = 0; run < context.Runs; run++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            rcuRates.Add(ListReaderScaling.Measure(ListReaderScaling.Contender.RcuList, 2, window).ReadsPerSecond / 1e6);
            rwlsRates.Add(ListReaderScaling.Measure(ListReaderScaling.Contender.ListRwls, 2, window).ReadsPerSecond / 1e6);
        }
        double rcu = RunStatistics.Of(rcuRates).Median, rwls = RunStatistics.Of(rwlsRates).Median;
        rows.Add(new QuickRow(ComponentName, "RcuList indexed reads, 2 readers + writer", rcu, "M reads/s", "List<T> + ReaderWriterLockSlim", rwls, LowerIsBetter: false, "≥ 10x")
        { TargetMet = Judge(rcu >= 10 * rwls), Note = $"median of {context.Runs} alternating rounds" });

        context.Progress.Detail("pooled write allocation");
        int writes = context.IsSmoke ? 200 : 20_000;
        ListPooledAllocation.Result alloc = ListPooledAllocation.Measure(Size, writes, TimeSpan.FromMicroseconds(10));
        rows.Add(new QuickRow(ComponentName, $"Pooled RcuList bytes per write ({Size} ints, paced writer)", alloc.PooledBytesPerWrite, "B", "plain RcuList", alloc.PlainBytesPerWrite, LowerIsBetter: true, "0 B")
        { TargetMet = Judge(alloc.PooledBytesPerWrite < 1), Note = $"{writes} writes, 10 µs of other work between writes, pool hit rate {alloc.PoolHitRate:P1}" });
        return rows;
    }

    private static double NanosecondsPerPass(TimeSpan duration, Func<int> pass)
    {
        long end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long passes = 0;
        int sink = 0;
        long start = Stopwatch.GetTimestamp();
        do
        {
            for (int i = 0; i < 16; i++) sink += pass();
            passes += 16;
        }
        while (Stopwatch.GetTimestamp() < end);
        GC.KeepAlive(sink);
        return (Stopwatch.GetTimestamp() - start) * 1e9 / Stopwatch.Frequency / passes;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int SumArray(int[] array)
    {
        int sum = 0;
        foreach (int x in array) sum += x;
        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int SumForeach(RcuList<int> list)
    {
        int sum = 0;
        foreach (int x in list) sum += x;
        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int SumRead(RcuList<int> list)
    {
        using RcuListReader<int> reader = list.Read();
        return SumSpan(reader.Span);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int SumSpan(ReadOnlySpan<int> span)
    {
        int sum = 0;
        foreach (int x in span) sum += x;
        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int SumImmutableList(ListContenders c)
    {
        int sum = 0;
        foreach (int x in Volatile.Read(ref c.ImmutableList)) sum += x;
        return sum;
    }
}
