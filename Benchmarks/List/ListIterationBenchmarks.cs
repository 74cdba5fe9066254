using System.Collections.Immutable;
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

    /// <summary>RcuList.Read(): a read section and a span.</summary>
    [Benchmark]
    public int RcuList_ReadSpan()
    {
        int sum = 0;
        using RcuListReader<int> reader = _c.Rcu.Read();
        foreach (int x in reader.Span) sum += x;
        return sum;
    }

    /// <summary>RcuList.Read() in pooled mode.</summary>
    [Benchmark]
    public int RcuListPooled_ReadSpan()
    {
        int sum = 0;
        using RcuListReader<int> reader = _c.RcuPooled.Read();
        foreach (int x in reader.Span) sum += x;
        return sum;
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

    /// <summary>List&lt;T&gt; enumerated under a ReaderWriterLockSlim read lock.</summary>
    [Benchmark]
    public int ListRwls_Foreach()
    {
        int sum = 0;
        _c.Rwls.EnterReadLock();
        try
        {
            foreach (int x in _c.RwlsList) sum += x;
        }
        finally
        {
            _c.Rwls.ExitReadLock();
        }
        return sum;
    }

    /// <summary>List&lt;T&gt; enumerated under a lock.</summary>
    [Benchmark]
    public int ListLock_Foreach()
    {
        int sum = 0;
        lock (_c.Lock)
        {
            foreach (int x in _c.LockedList) sum += x;
        }
        return sum;
    }
}
