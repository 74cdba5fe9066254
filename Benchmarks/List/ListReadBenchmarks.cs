using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;

namespace RcuCollections.Benchmarks.List;

/// <summary>
/// Point reads, one at a time as a caller without a snapshot would make them: the indexer (each read is its own
/// atomic operation) and <c>Contains</c> of an absent value (a full scan). Reported per operation.
/// </summary>
[MemoryDiagnoser]
public class ListReadBenchmarks
{
    private const int Reads = 1024;
    private ListContenders _c = null!;
    private int _mask;

    /// <summary>Gets or sets the number of elements.</summary>
    [Params(16, 1024, 65536)]
    public int Size { get; set; }

    /// <summary>Builds the contenders.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _c = new ListContenders(Size);
        _mask = Size - 1; // sizes are powers of two
    }

    /// <summary>Indexed reads of an int[].</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Reads)]
    public int Index_Array()
    {
        int sum = 0;
        for (int i = 0; i < Reads; i++) sum += _c.Array[(i * 7) & _mask];
        return sum;
    }

    /// <summary>RcuList indexer (plain mode: one acquire load per read).</summary>
    [Benchmark(OperationsPerInvoke = Reads)]
    public int Index_RcuList()
    {
        int sum = 0;
        for (int i = 0; i < Reads; i++) sum += _c.Rcu[(i * 7) & _mask];
        return sum;
    }

    /// <summary>RcuList indexer in pooled mode (a read section per read).</summary>
    [Benchmark(OperationsPerInvoke = Reads)]
    public int Index_RcuListPooled()
    {
        int sum = 0;
        for (int i = 0; i < Reads; i++) sum += _c.RcuPooled[(i * 7) & _mask];
        return sum;
    }

    /// <summary>ImmutableList indexer (a tree walk).</summary>
    [Benchmark(OperationsPerInvoke = Reads)]
    public int Index_ImmutableList()
    {
        int sum = 0;
        for (int i = 0; i < Reads; i++) sum += Volatile.Read(ref _c.ImmutableList)[(i * 7) & _mask];
        return sum;
    }

    /// <summary>ImmutableArray indexer.</summary>
    [Benchmark(OperationsPerInvoke = Reads)]
    public int Index_ImmutableArray()
    {
        int sum = 0;
        for (int i = 0; i < Reads; i++) sum += _c.ImmutableArray[(i * 7) & _mask];
        return sum;
    }

    /// <summary>List indexer under a ReaderWriterLockSlim read lock per read.</summary>
    [Benchmark(OperationsPerInvoke = Reads)]
    public int Index_ListRwls()
    {
        int sum = 0;
        for (int i = 0; i < Reads; i++)
        {
            _c.Rwls.EnterReadLock();
            sum += _c.RwlsList[(i * 7) & _mask];
            _c.Rwls.ExitReadLock();
        }
        return sum;
    }

    /// <summary>List indexer under a lock per read.</summary>
    [Benchmark(OperationsPerInvoke = Reads)]
    public int Index_ListLock()
    {
        int sum = 0;
        for (int i = 0; i < Reads; i++)
        {
            lock (_c.Lock) sum += _c.LockedList[(i * 7) & _mask];
        }
        return sum;
    }

    /// <summary>Contains of an absent value: int[] (vectorised IndexOf).</summary>
    [Benchmark]
    public bool Contains_Array() => System.Array.IndexOf(_c.Array, -1) >= 0;

    /// <summary>Contains of an absent value: RcuList.</summary>
    [Benchmark]
    public bool Contains_RcuList() => _c.Rcu.Contains(-1);

    /// <summary>Contains of an absent value: RcuList in pooled mode.</summary>
    [Benchmark]
    public bool Contains_RcuListPooled() => _c.RcuPooled.Contains(-1);

    /// <summary>Contains of an absent value: ImmutableList.</summary>
    [Benchmark]
    public bool Contains_ImmutableList() => Volatile.Read(ref _c.ImmutableList).Contains(-1);

    /// <summary>Contains of an absent value: ImmutableArray.</summary>
    [Benchmark]
    public bool Contains_ImmutableArray() => _c.ImmutableArray.Contains(-1);

    /// <summary>Contains of an absent value: List under a ReaderWriterLockSlim.</summary>
    [Benchmark]
    public bool Contains_ListRwls()
    {
        _c.Rwls.EnterReadLock();
        try
        {
            return _c.RwlsList.Contains(-1);
        }
        finally
        {
            _c.Rwls.ExitReadLock();
        }
    }

    /// <summary>Contains of an absent value: List under a lock.</summary>
    [Benchmark]
    public bool Contains_ListLock()
    {
        lock (_c.Lock) return _c.LockedList.Contains(-1);
    }
}
