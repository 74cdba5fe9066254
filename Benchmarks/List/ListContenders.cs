using System.Collections.Immutable;

namespace RcuCollections.Benchmarks.List;

/// <summary>
/// The lists compared in the list benchmarks, built with the same contents: <see cref="RcuList{T}"/> plain and
/// pooled, and what .NET users reach for today (ImmutableList/ImmutableArray swapped with ImmutableInterlocked,
/// List behind a ReaderWriterLockSlim or a lock).
/// </summary>
public sealed class ListContenders
{
    /// <summary>Builds every contender holding 0 .. <paramref name="size"/> - 1.</summary>
    public ListContenders(int size)
    {
        Size = size;
        Array = Enumerable.Range(0, size).ToArray();
        Rcu = new RcuList<int>(Array);
        RcuPooled = new RcuList<int>(Array, new RcuListOptions { PoolArrays = true });
        ImmutableList = System.Collections.Immutable.ImmutableList.CreateRange(Array);
        ImmutableArray = System.Collections.Immutable.ImmutableArray.Create(Array);
        LockedList = new List<int>(Array);
        RwlsList = new List<int>(Array);
    }

    /// <summary>Gets the number of elements.</summary>
    public int Size { get; }

    /// <summary>The plain array: the speed limit for reads.</summary>
    public readonly int[] Array;

    /// <summary>The RCU list without pooling.</summary>
    public readonly RcuList<int> Rcu;

    /// <summary>The RCU list in pooled mode.</summary>
    public readonly RcuList<int> RcuPooled;

    /// <summary>An immutable AVL-tree list, replaced with <see cref="ImmutableInterlocked"/>.</summary>
    public ImmutableList<int> ImmutableList;

    /// <summary>An immutable array, replaced with <see cref="ImmutableInterlocked"/>.</summary>
    public ImmutableArray<int> ImmutableArray;

    /// <summary>A list guarded by <see cref="Lock"/>.</summary>
    public readonly List<int> LockedList;

    /// <summary>The lock of <see cref="LockedList"/>.</summary>
    public readonly Lock Lock = new();

    /// <summary>A list guarded by <see cref="Rwls"/>.</summary>
    public readonly List<int> RwlsList;

    /// <summary>The reader-writer lock of <see cref="RwlsList"/>.</summary>
    public readonly ReaderWriterLockSlim Rwls = new(LockRecursionPolicy.NoRecursion);
}
