namespace RcuCollections.Tests.List;

/// <summary>
/// Batch edits, the Java-style conditional adds, and bad input: every failure (out-of-range index, throwing predicate
/// or edit, reentrant write, null argument) throws a clear exception and leaves the list unchanged.
/// </summary>
public sealed class RcuListEditAndFailureTests
{
    public static TheoryData<bool> Modes => new() { false, true };

    private static RcuList<int> Create(bool pooled, params int[] items) =>
        new(items, new RcuListOptions { PoolArrays = pooled });

    [Theory]
    [MemberData(nameof(Modes))]
    public void Update_AppliesAllChangesAsOneVersion(bool pooled)
    {
        RcuList<int> list = Create(pooled, 5, 3, 1);
        var before = list.Snapshot();
        bool changed = list.Update(static e =>
        {
            e.Add(4);
            e.Insert(0, 2);
            e.Remove(3);
            e.AsSpan().Sort();
            e[0] = 0;
            Assert.Equal(4, e.Count);
            Assert.True(e.Contains(5));
            Assert.Equal(1, e.IndexOf(2));
        });
        Assert.True(changed);
        Assert.Equal([0, 2, 4, 5], list);
        Assert.Equal<int>([5, 3, 1], before);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Update_WithoutChanges_PublishesNothing(bool pooled)
    {
        RcuList<int> list = Create(pooled, 1, 2);
        var before = list.Snapshot();
        Assert.False(list.Update(static e => Assert.Equal(2, e.Count)));
        Assert.True(before == list.Snapshot()); // same version: no copy was published
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Update_ThatThrows_LeavesListUnchanged_AndTheNextEditStartsClean(bool pooled)
    {
        RcuList<int> list = Create(pooled, 1, 2, 3);
        Assert.Throws<FormatException>(() => list.Update(static e =>
        {
            e.Clear();
            e.Add(42);
            throw new FormatException();
        }));
        Assert.Equal([1, 2, 3], list);
        list.Update(static e => e.Add(4));
        Assert.Equal([1, 2, 3, 4], list);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void EditorMisuse_ThrowsInsideTheEdit_AndLeavesListUnchanged(bool pooled)
    {
        RcuList<int> list = Create(pooled, 1, 2, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => list.Update(static e => e.RemoveAt(3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => list.Update(static e => e.Insert(-1, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => list.Update(static e => e[3] = 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => list.Update(static e => e.RemoveRange(2, 2)));
        Assert.Throws<ArgumentNullException>(() => list.Update(static e => e.RemoveAll(null!)));
        Assert.Throws<InvalidOperationException>(() => default(RcuListEditor<int>).Add(1));
        Assert.Equal([1, 2, 3], list);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void EditorRemoveAll_WithThrowingPredicate_KeepsTheEditIntactIfCaught(bool pooled)
    {
        RcuList<int> list = Create(pooled, 1, 2, 3, 4);
        list.Update(static e =>
        {
            try
            {
                e.RemoveAll(x => x == 3 ? throw new FormatException() : x % 2 == 0);
            }
            catch (FormatException)
            {
            }
            e.Add(5);
        });
        Assert.Equal([1, 2, 3, 4, 5], list);
        Assert.Equal(2, list.RemoveAll(x => x % 2 == 0));
        Assert.Equal([1, 3, 5], list);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void RemoveAll_WithThrowingPredicate_LeavesListUnchanged(bool pooled)
    {
        RcuList<int> list = Create(pooled, 1, 2, 3, 4);
        int calls = 0;
        Assert.Throws<FormatException>(() => list.RemoveAll(x => ++calls == 3 ? throw new FormatException() : true));
        Assert.Equal([1, 2, 3, 4], list);
        Assert.Equal(0, list.RemoveAll(static x => x > 10));
        Assert.Equal(4, list.RemoveAll(static _ => true));
        Assert.Empty(list);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void WritesFromInsideTheListsOwnWrite_AreRejected(bool pooled)
    {
        RcuList<int> list = Create(pooled, 1, 2, 3);
        Assert.Throws<InvalidOperationException>(() => list.Update(e => list.Add(9)));
        Assert.Throws<InvalidOperationException>(() => list.RemoveAll(x => { list.Clear(); return true; }));
        Assert.Throws<InvalidOperationException>(() => list.Update(e => list.Update(static inner => inner.Add(9))));
        Assert.Equal([1, 2, 3], list);

        // Reads inside an edit are fine: they see the last published version.
        list.Update(e =>
        {
            e.Add(4);
            Assert.Equal(3, list.Count);
        });
        Assert.Equal([1, 2, 3, 4], list);
    }

    [Fact]
    public void ReentrantEquals_IsRejected_AndLeavesListUnchanged()
    {
        var list = new RcuList<Meddler>();
        var resident = new Meddler(list);
        list.Add(resident);
        // The resident's Equals runs twice: first in the lock-free presence check (harmless there), then under the
        // write lock, where its write to the list must be refused rather than be lost under the outer write.
        Assert.Throws<InvalidOperationException>(() => list.AddIfAbsent(new Meddler(null)));
        Assert.Single(list);
        Assert.Same(resident, list[0]);
    }

    [Fact]
    public void NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>("collection", () => new RcuList<int>((IEnumerable<int>)null!));
        Assert.Throws<ArgumentNullException>("domain", () => new RcuList<int>((RcuDomain)null!));
        Assert.Throws<ArgumentNullException>("options", () => new RcuList<int>((RcuListOptions)null!));
        Assert.Throws<ArgumentNullException>("collection", () => new RcuList<int>(null!, new RcuListOptions()));
        Assert.Throws<ArgumentNullException>("options", () => new RcuList<int>([], null!));
        var list = new RcuList<int>([1]);
        Assert.Throws<ArgumentNullException>("collection", () => list.AddRange((IEnumerable<int>)null!));
        Assert.Throws<ArgumentNullException>("items", () => list.AddAllAbsent(null!));
        Assert.Throws<ArgumentNullException>("match", () => list.RemoveAll(null!));
        Assert.Throws<ArgumentNullException>("edit", () => list.Update(null!));
        Assert.Throws<ArgumentNullException>("edit", () => list.Update(0, (Action<RcuListEditor<int>, int>)null!));
        Assert.Equal([1], list);
    }

    [Fact]
    public void BadOptions_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RcuList<int>(new RcuListOptions { MaxPooledArraysPerLength = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RcuList<int>(new RcuListOptions { MaxPooledLengths = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RcuList<int>(new RcuListOptions { PooledElementsPerLength = -1 }));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void AddIfAbsent_AndAddAllAbsent_FollowJavaSemantics(bool pooled)
    {
        RcuList<string?> list = new(["a"], new RcuListOptions { PoolArrays = pooled });
        Assert.False(list.AddIfAbsent("a"));
        Assert.True(list.AddIfAbsent(null));
        Assert.False(list.AddIfAbsent(null));
        Assert.Equal(2, list.AddAllAbsent(["a", "b", "b", null, "c"]));
        Assert.Equal(["a", null, "b", "c"], list);
        Assert.Equal(0, list.AddAllAbsent([]));
        Assert.Equal(0, list.AddAllAbsent(["c", "a"]));

        // The large path (hash set) must agree with the small one.
        var big = new RcuList<int>(Enumerable.Range(0, 200), new RcuListOptions { PoolArrays = pooled });
        Assert.Equal(60, big.AddAllAbsent(Enumerable.Range(150, 100).Concat(Enumerable.Range(240, 20))));
        Assert.Equal(Enumerable.Range(0, 260), big);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void AddRange_AppendsAtomically_FromAnySource(bool pooled)
    {
        RcuList<int> list = Create(pooled, 1);
        list.AddRange(new[] { 2, 3 });
        list.AddRange(new List<int> { 4 });
        list.AddRange(Enumerable.Range(5, 2));
        list.AddRange(new ReadOnlySpan<int>([7, 8]));
        list.AddRange(list); // its own snapshot
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8], list);
    }

    [Fact]
    public void Constructors_UseTheGivenDomain()
    {
        using RcuDomain domain = ListTestSupport.CreateFastDomain();
        Assert.Same(RcuDomain.Default, new RcuList<int>().Domain);
        Assert.Same(domain, new RcuList<int>(domain).Domain);
        var pooled = new RcuList<int>(new RcuListOptions { Domain = domain, PoolArrays = true });
        Assert.Same(domain, pooled.Domain);
        Assert.True(pooled.IsPooled);
        Assert.False(new RcuList<int>().IsPooled);
    }

    /// <summary>An element whose Equals writes to the list from its second call on: user code that must not corrupt a write in progress.</summary>
    private sealed class Meddler(RcuList<Meddler>? target)
    {
        private int _calls;

        public override bool Equals(object? obj)
        {
            if (++_calls >= 2) target?.Add(new Meddler(null));
            return ReferenceEquals(this, obj);
        }

        public override int GetHashCode() => 0;
    }
}
