using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;

namespace RcuCollections.Benchmarks.List;

/// <summary>
/// Writes at a stable size: replace one element (<c>list[i] = v</c>), and append then remove the last element.
/// The memory diagnoser's "Allocated" column is the allocated bytes per write; the pooled RcuList's target is 0 B.
/// </summary>
[MemoryDiagnoser]
public class ListWriteBenchmarks
{
    private ListContenders _c = null!;
    private int _next;

    /// <summary>Gets or sets the number of elements.</summary>
    [Params(16, 1024, 65536)]
    public int Size { get; set; }

    /// <summary>Builds the contenders.</summary>
    [GlobalSetup]
    public void Setup() => _c = new ListContenders(Size);

    private int NextIndex() => _next = (_next + 1) & (Size - 1);

    /// <summary>Set one element: RcuList (plain: a new array per write).</summary>
    [Benchmark(Baseline = true)]
    public void Set_RcuList() => _c.Rcu[NextIndex()] = _next;

    /// <summary>Set one element: RcuList pooled (arrays recycled after a grace period).</summary>
    [Benchmark]
    public void Set_RcuListPooled() => _c.RcuPooled[NextIndex()] = _next;

    /// <summary>Set one element: ImmutableList via ImmutableInterlocked.Update.</summary>
    [Benchmark]
    public void Set_ImmutableList() =>
        ImmutableInterlocked.Update(ref _c.ImmutableList, static (list, i) => list.SetItem(i, i), NextIndex());

    /// <summary>Set one element: ImmutableArray via ImmutableInterlocked.Update.</summary>
    [Benchmark]
    public void Set_ImmutableArray() =>
        ImmutableInterlocked.Update(ref _c.ImmutableArray, static (array, i) => array.SetItem(i, i), NextIndex());

    /// <summary>Set one element: List under a ReaderWriterLockSlim write lock.</summary>
    [Benchmark]
    public void Set_ListRwls()
    {
        int i = NextIndex();
        _c.Rwls.EnterWriteLock();
        _c.RwlsList[i] = i;
        _c.Rwls.ExitWriteLock();
    }

    /// <summary>Set one element: List under a lock.</summary>
    [Benchmark]
    public void Set_ListLock()
    {
        int i = NextIndex();
        lock (_c.Lock) _c.LockedList[i] = i;
    }

    /// <summary>Append then remove the last element (two writes): RcuList pooled.</summary>
    [Benchmark(OperationsPerInvoke = 2)]
    public void AddRemove_RcuListPooled()
    {
        _c.RcuPooled.Add(1);
        _c.RcuPooled.RemoveAt(Size);
    }

    /// <summary>Append then remove the last element (two writes): RcuList plain.</summary>
    [Benchmark(OperationsPerInvoke = 2)]
    public void AddRemove_RcuList()
    {
        _c.Rcu.Add(1);
        _c.Rcu.RemoveAt(Size);
    }

    /// <summary>Append then remove the last element (two writes): ImmutableList via ImmutableInterlocked.</summary>
    [Benchmark(OperationsPerInvoke = 2)]
    public void AddRemove_ImmutableList()
    {
        ImmutableInterlocked.Update(ref _c.ImmutableList, static list => list.Add(1));
        ImmutableInterlocked.Update(ref _c.ImmutableList, static list => list.RemoveAt(list.Count - 1));
    }

    /// <summary>Append then remove the last element (two writes): ImmutableArray via ImmutableInterlocked.</summary>
    [Benchmark(OperationsPerInvoke = 2)]
    public void AddRemove_ImmutableArray()
    {
        ImmutableInterlocked.Update(ref _c.ImmutableArray, static array => array.Add(1));
        ImmutableInterlocked.Update(ref _c.ImmutableArray, static array => array.RemoveAt(array.Length - 1));
    }
}
