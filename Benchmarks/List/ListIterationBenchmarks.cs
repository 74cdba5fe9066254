using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;

namespace RcuCollections.Benchmarks.List;

/// <summary>
/// Snapshot iteration: sum every element of a consistent view of the list. Targets: RcuList within 1.1x of a plain
/// array, and at least 5x faster than ImmutableList.
/// </summary>
[MemoryDiagnoser]
public class ListIterationBenchmarks
{
    private ListContenders _c = null!;

    /// <summary>Gets or sets the number of elements.</summary>
    [Params(16, 1024, 65536)]
    public int Size { get; set; }

    /// <summary>Builds the contenders.</summary>
    [GlobalSetup]
    public void Setup() => _c = new ListContenders(Size);

    /// <summary>The speed limit: foreach over an int[].</summary>
    [Benchmark(Baseline = true)]
    public int Array()
    {
        int sum = 0;
        foreach (int x in _c.Array) sum += x;
        return sum;
    }

    /// <summary>RcuList's snapshot enumerator (foreach over the list).</summary>
    [Benchmark]
    public int RcuList_Foreach()
    {
        int sum = 0;
        foreach (int x in _c.Rcu) sum += x;
        return sum;
    }

    /// <summary>
    /// RcuList.Read(): a read section and a span, summed in a helper. The helper matters: a local updated inside a
    /// <c>using</c> (try/finally) region is spilled to memory on every update by the JIT (EH write-thru), which makes
    /// an inline loop about 3x slower. <see cref="RcuList_ReadSpanInline"/> shows that cost.
    /// </summary>
    [Benchmark]
    public int RcuList_ReadSpan()
    {
        using RcuListReader<int> reader = _c.Rcu.Read();
        return Sum(reader.Span);
    }

    /// <summary>RcuList.Read() with the loop inside the using block (see <see cref="RcuList_ReadSpan"/>).</summary>
    [Benchmark]
    public int RcuList_ReadSpanInline()
    {
        int sum = 0;
        using RcuListReader<int> reader = _c.Rcu.Read();
        foreach (int x in reader.Span) sum += x;
        return sum;
    }

    /// <summary>RcuList.Read() in pooled mode, summed in a helper.</summary>
    [Benchmark]
    public int RcuListPooled_ReadSpan()
    {
        using RcuListReader<int> reader = _c.RcuPooled.Read();
        return Sum(reader.Span);
    }

    /// <summary>RcuList.Snapshot() as an ImmutableArray.</summary>
    [Benchmark]
    public int RcuList_Snapshot()
    {
        int sum = 0;
        foreach (int x in _c.Rcu.Snapshot()) sum += x;
        return sum;
    }

    /// <summary>ImmutableList&lt;T&gt; (an AVL tree) enumerated.</summary>
    [Benchmark]
    public int ImmutableList_Foreach()
    {
        int sum = 0;
        foreach (int x in Volatile.Read(ref _c.ImmutableList)) sum += x;
        return sum;
    }

    /// <summary>ImmutableArray&lt;T&gt; enumerated (the field read once, as a snapshot).</summary>
    [Benchmark]
    public int ImmutableArray_Foreach()
    {
        int sum = 0;
        ImmutableArray<int> snapshot = _c.ImmutableArray; // one reference-sized field: an atomic read
        foreach (int x in snapshot) sum += x;
        return sum;
    }

    /// <summary>List&lt;T&gt; enumerated under a ReaderWriterLockSlim read lock (summed in a helper, like RcuList_ReadSpan).</summary>
    [Benchmark]
    public int ListRwls_Foreach()
    {
        _c.Rwls.EnterReadLock();
        try
        {
            return Sum(_c.RwlsList);
        }
        finally
        {
            _c.Rwls.ExitReadLock();
        }
    }

    /// <summary>List&lt;T&gt; enumerated under a lock (summed in a helper).</summary>
    [Benchmark]
    public int ListLock_Foreach()
    {
        lock (_c.Lock)
        {
            return Sum(_c.LockedList);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Sum(ReadOnlySpan<int> span)
    {
        int sum = 0;
        foreach (int x in span) sum += x;
        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Sum(List<int> list)
    {
        int sum = 0;
        foreach (int x in list) sum += x;
        return sum;
    }
}
