using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;

namespace RcuCollections.Tests.Hostile;

/// <summary>
/// The List-style members of <see cref="RcuList{T}"/> (Sort, ReplaceAll, InsertRange, RemoveRange, Find*, Exists,
/// IndexOf/LastIndexOf, ToArray, ConvertAll) under hostile input: bad arguments name their parameter and change
/// nothing; a throwing comparer, transform, predicate, converter or source enumerable propagates and publishes no
/// version (the snapshot array is the same object afterwards); user code that writes to the list from inside a
/// bulk write is refused; a disposed domain refuses the writes before any change. Plain and pooled.
/// </summary>
public sealed class HostileListSurfaceTests
{
    public static TheoryData<bool> Modes => new() { false, true };

    private static RcuList<int> NewList(bool pooled, RcuDomain? domain, params int[] items) =>
        new(items, new RcuListOptions { Domain = domain, PoolArrays = pooled });

    /// <summary>Runs <paramref name="call"/>, expecting it to throw, and checks that no version was published.</summary>
    private static Exception ThrowsAndPublishesNothing(RcuList<int> list, Action call)
    {
        ImmutableArray<int> before = list.Snapshot();
        Exception? e = Record.Exception(call);
        Assert.NotNull(e);
        Assert.True(before == list.Snapshot(), $"{e.GetType().Name} was thrown but a new version was published");
        return e;
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void BadArguments_NameTheirParameter_AndPublishNothing(bool pooled)
    {
        RcuList<int> list = NewList(pooled, null, 3, 1, 2);
        void Param<TException>(string? name, Action call) where TException : ArgumentException
        {
            Exception e = ThrowsAndPublishesNothing(list, call);
            TException typed = Assert.IsType<TException>(e);
            Assert.Equal(name, typed.ParamName);
        }
        Param<ArgumentOutOfRangeException>("index", () => list.Sort(-1, 1, null));
        Param<ArgumentOutOfRangeException>("count", () => list.Sort(0, -1, null));
        Param<ArgumentException>(null, () => list.Sort(2, 2, null));
        Param<ArgumentException>(null, () => list.Sort(int.MaxValue, int.MaxValue, null));
        Param<ArgumentNullException>("comparison", () => list.Sort((Comparison<int>)null!));
        Param<ArgumentNullException>("transform", () => list.ReplaceAll(null!));
        Param<ArgumentNullException>("collection", () => list.InsertRange(0, null!));
        Param<ArgumentOutOfRangeException>("index", () => list.InsertRange(4, [1]));
        Param<ArgumentOutOfRangeException>("index", () => list.InsertRange(-1, [1]));
        Param<ArgumentOutOfRangeException>("index", () => list.RemoveRange(-1, 1));
        Param<ArgumentOutOfRangeException>("count", () => list.RemoveRange(0, -1));
        Param<ArgumentException>(null, () => list.RemoveRange(1, 3));
        Param<ArgumentNullException>("match", () => list.Find(null!));
        Param<ArgumentNullException>("match", () => list.FindLast(null!));
        Param<ArgumentNullException>("match", () => list.Exists(null!));
        Param<ArgumentNullException>("match", () => list.FindIndex(null!));
        Param<ArgumentNullException>("match", () => list.FindIndex(0, null!));
        Param<ArgumentNullException>("match", () => list.FindIndex(0, 3, null!));
        Param<ArgumentOutOfRangeException>("startIndex", () => list.FindIndex(4, x => true));
        Param<ArgumentOutOfRangeException>("count", () => list.FindIndex(1, 3, x => true));
        Param<ArgumentNullException>("match", () => list.FindLastIndex(null!));
        Param<ArgumentNullException>("match", () => list.FindLastIndex(2, null!));
        Param<ArgumentNullException>("match", () => list.FindLastIndex(2, 3, null!));
        Param<ArgumentOutOfRangeException>("startIndex", () => list.FindLastIndex(3, x => true));
        Param<ArgumentOutOfRangeException>("count", () => list.FindLastIndex(1, 3, x => true));
        Param<ArgumentOutOfRangeException>("index", () => list.IndexOf(1, 4));
        Param<ArgumentOutOfRangeException>("startIndex", () => list.IndexOf(1, -1)); // List<T> reports Array.IndexOf's name
        Param<ArgumentOutOfRangeException>("count", () => list.IndexOf(1, 1, 3));
        Param<ArgumentNullException>("converter", () => list.ConvertAll<string>(null!));
        Assert.Equal([3, 1, 2], list.ToArray());
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void ThrowingUserCode_Propagates_AndPublishesNothing(bool pooled)
    {
        RcuList<int> list = NewList(pooled, null, 5, 3, 9, 1);
        var boom = new FormatException("boom");

        // A throwing comparer: List<T>.Sort wraps it in InvalidOperationException, and so do we (same sort).
        Exception e = ThrowsAndPublishesNothing(list, () => list.Sort(Comparer<int>.Create((a, b) => a == 9 || b == 9 ? throw boom : a.CompareTo(b))));
        Assert.Same(boom, Assert.IsType<InvalidOperationException>(e).InnerException);
        e = ThrowsAndPublishesNothing(list, () => list.Sort((a, b) => a == 1 || b == 1 ? throw boom : a.CompareTo(b)));
        Assert.Same(boom, Assert.IsType<InvalidOperationException>(e).InnerException);
        e = ThrowsAndPublishesNothing(list, () => list.Sort(1, 3, Comparer<int>.Create((a, b) => throw boom)));
        Assert.Same(boom, Assert.IsType<InvalidOperationException>(e).InnerException);

        // A transform that throws on its last element, after it has transformed the others.
        int calls = 0;
        Assert.Same(boom, ThrowsAndPublishesNothing(list, () => list.ReplaceAll(x => ++calls == 4 ? throw boom : x * 100)));
        Assert.Equal(4, calls);

        // A source enumerable that throws part-way: nothing inserted.
        IEnumerable<int> Failing()
        {
            yield return 42;
            throw boom;
        }
        Assert.Same(boom, ThrowsAndPublishesNothing(list, () => list.InsertRange(1, Failing())));

        // Predicates and converters of the queries: propagated, and of course nothing changes.
        Assert.Same(boom, ThrowsAndPublishesNothing(list, () => list.Find(x => x == 9 ? throw boom : false)));
        Assert.Same(boom, ThrowsAndPublishesNothing(list, () => list.FindLastIndex(x => throw boom)));
        Assert.Same(boom, ThrowsAndPublishesNothing(list, () => list.Exists(x => throw boom)));
        Assert.Same(boom, ThrowsAndPublishesNothing(list, () => list.ConvertAll<int>(x => x == 1 ? throw boom : x)));

        Assert.Equal([5, 3, 9, 1], list.ToArray());
        // The list still works (the write lock and the user-code flag were released).
        list.Sort();
        list.ReplaceAll(x => x + 1);
        Assert.Equal([2, 4, 6, 10], list.ToArray());
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void WritesFromInsideABulkWrite_AreRefused_AndPublishNothing(bool pooled)
    {
        RcuList<int> list = NewList(pooled, null, 2, 1, 3);
        Exception e = ThrowsAndPublishesNothing(list, () => list.Sort((a, b) => { list.Add(7); return a.CompareTo(b); }));
        Assert.IsType<InvalidOperationException>(Assert.IsType<InvalidOperationException>(e).InnerException); // the refusal, wrapped by the sort
        e = ThrowsAndPublishesNothing(list, () => list.ReplaceAll(x => { list.RemoveRange(0, 1); return x; }));
        Assert.IsType<InvalidOperationException>(e);
        e = ThrowsAndPublishesNothing(list, () => list.ReplaceAll(x => { list.Sort(); return x; }));
        Assert.IsType<InvalidOperationException>(e);
        Assert.Equal([2, 1, 3], list.ToArray());

        // Reads from inside are fine: the comparer and the transform see the version being replaced.
        list.Sort((a, b) => { Assert.Equal(3, list.Count); return a.CompareTo(b); });
        list.ReplaceAll(x => x + list.FindIndex(y => y == x));
        Assert.Equal([1, 3, 5], list.ToArray());
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void DisposedDomain_RefusesTheBulkWrites_ReadsKeepWorking(bool pooled)
    {
        var domain = new RcuDomain();
        RcuList<int> list = NewList(pooled, domain, 3, 1, 2);
        using (domain.ReadLock())
        {
            // Registers this thread, so that pooled reads can still enter sections.
        }
        domain.Dispose();
        void Refused(Action write) => Assert.IsType<ObjectDisposedException>(ThrowsAndPublishesNothing(list, write));
        Refused(list.Sort);
        Refused(() => list.Sort(Comparer<int>.Default));
        Refused(() => list.Sort((a, b) => a - b));
        Refused(() => list.Sort(0, 2, null));
        Refused(() => list.ReplaceAll(x => x));
        Refused(() => list.InsertRange(0, [4]));
        Refused(() => list.RemoveRange(0, 1));
        Assert.Equal([3, 1, 2], list.ToArray());
        Assert.Equal(1, list.Find(x => x < 2));
        Assert.Equal(2, list.FindLastIndex(x => x > 1));
        Assert.Equal(2, list.LastIndexOf(2));
        Assert.Equal(["3", "1", "2"], list.ConvertAll(x => x.ToString()));
    }

    [Fact]
    public void DebuggerAttributes_ShowCountAndTheItemsOfOneVersion()
    {
        Type listType = typeof(RcuList<>);
        DebuggerDisplayAttribute display = Assert.Single(listType.GetCustomAttributes<DebuggerDisplayAttribute>());
        Assert.Equal("Count = {Count}", display.Value);
        DebuggerTypeProxyAttribute proxyAttribute = Assert.Single(listType.GetCustomAttributes<DebuggerTypeProxyAttribute>());
        Type proxyType = Type.GetType(proxyAttribute.ProxyTypeName, throwOnError: true)!.MakeGenericType(typeof(string));

        foreach (bool pooled in new[] { false, true })
        {
            var list = new RcuList<string?>(["a", null, "c"], new RcuListOptions { PoolArrays = pooled });
            object proxy = Activator.CreateInstance(proxyType, list)!;
            PropertyInfo items = Assert.Single(proxyType.GetProperties(BindingFlags.Public | BindingFlags.Instance));
            Assert.Equal("Items", items.Name);
            Assert.Equal(DebuggerBrowsableState.RootHidden, items.GetCustomAttribute<DebuggerBrowsableAttribute>()!.State);
            var shown = (string?[])items.GetValue(proxy)!;
            Assert.Equal(new string?[] { "a", null, "c" }, shown);
            list.Add("d");
            shown[0] = "changed"; // a copy: the debugger cannot write into a version
            Assert.Equal(new string?[] { "a", null, "c", "d" }, (string?[])items.GetValue(proxy)!);
            Assert.Equal(new string?[] { "a", null, "c", "d" }, list.ToArray());
        }
        Assert.ThrowsAny<Exception>(() => Activator.CreateInstance(proxyType, new object?[] { null }));
    }
}
