using System.Collections;

namespace RcuCollections.Tests.List;

/// <summary>
/// The <see cref="IList{T}"/> contract, written once and run against <see cref="List{T}"/> (the reference, which
/// proves the tests themselves) and every <see cref="RcuList{T}"/> configuration. Elements are nullable strings so
/// that null elements and reference clearing are exercised. Behaviour that legitimately differs is a capability flag.
/// </summary>
public abstract class ListContractTests
{
    /// <summary>Creates the list under test holding <paramref name="items"/> in order.</summary>
    protected abstract IList<string?> Create(IEnumerable<string?> items);

    /// <summary>True for snapshot enumerators (no exception, no later writes seen); false for List's fail-fast ones.</summary>
    protected abstract bool EnumeratorIsSnapshot { get; }

    private IList<string?> Create(params string?[] items) => Create((IEnumerable<string?>)items);

    [Fact]
    public void NewList_IsEmptyAndWritable()
    {
        IList<string?> list = Create();
        Assert.Empty(list);
        Assert.False(list.IsReadOnly);
        Assert.False(list.GetEnumerator().MoveNext());
    }

    [Fact]
    public void Constructor_KeepsOrderOfSource()
    {
        Assert.Equal(["a", null, "c"], Create("a", null, "c"));
    }

    [Fact]
    public void Add_AppendsAtTheEnd()
    {
        IList<string?> list = Create("a");
        list.Add("b");
        list.Add(null);
        Assert.Equal(3, list.Count);
        Assert.Equal(["a", "b", null], list);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Insert_PlacesItemAtIndex(int index)
    {
        IList<string?> list = Create("a", "b", "c");
        list.Insert(index, "x");
        var expected = new List<string?> { "a", "b", "c" };
        expected.Insert(index, "x");
        Assert.Equal(expected, list);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void Insert_OutOfRange_ThrowsAndLeavesListUnchanged(int index)
    {
        IList<string?> list = Create("a", "b", "c");
        Assert.Throws<ArgumentOutOfRangeException>("index", () => list.Insert(index, "x"));
        Assert.Equal(["a", "b", "c"], list);
    }

    [Fact]
    public void Indexer_GetsAndSets()
    {
        IList<string?> list = Create("a", "b", "c");
        Assert.Equal("b", list[1]);
        list[1] = "x";
        list[2] = null;
        Assert.Equal(["a", "x", null], list);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    [InlineData(int.MaxValue)]
    public void Indexer_OutOfRange_ThrowsAndLeavesListUnchanged(int index)
    {
        IList<string?> list = Create("a", "b", "c");
        Assert.Throws<ArgumentOutOfRangeException>("index", () => list[index]);
        Assert.Throws<ArgumentOutOfRangeException>("index", () => list[index] = "x");
        Assert.Equal(["a", "b", "c"], list);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void RemoveAt_RemovesThatElement(int index)
    {
        IList<string?> list = Create("a", "b", "c");
        list.RemoveAt(index);
        var expected = new List<string?> { "a", "b", "c" };
        expected.RemoveAt(index);
        Assert.Equal(expected, list);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void RemoveAt_OutOfRange_ThrowsAndLeavesListUnchanged(int index)
    {
        IList<string?> list = Create("a", "b", "c");
        Assert.Throws<ArgumentOutOfRangeException>("index", () => list.RemoveAt(index));
        Assert.Equal(["a", "b", "c"], list);
    }

    [Fact]
    public void RemoveAt_OnEmptyList_Throws()
    {
        IList<string?> list = Create();
        Assert.Throws<ArgumentOutOfRangeException>("index", () => list.RemoveAt(0));
        Assert.Empty(list);
    }

    [Fact]
    public void Remove_RemovesOnlyTheFirstOccurrence()
    {
        IList<string?> list = Create("a", "b", "a", null, null);
        Assert.True(list.Remove("a"));
        Assert.Equal(["b", "a", null, null], list);
        Assert.True(list.Remove(null));
        Assert.Equal(["b", "a", null], list);
    }

    [Fact]
    public void Remove_Absent_ReturnsFalseAndLeavesListUnchanged()
    {
        IList<string?> list = Create("a", "b");
        Assert.False(list.Remove("z"));
        Assert.False(list.Remove(null));
        Assert.Equal(["a", "b"], list);
    }

    [Fact]
    public void Remove_UsesValueEquality()
    {
        IList<string?> list = Create("abc");
        Assert.True(list.Remove(new string(['a', 'b', 'c'])));
        Assert.Empty(list);
    }

    [Fact]
    public void Clear_EmptiesTheList_AndIsIdempotent()
    {
        IList<string?> list = Create("a", "b");
        list.Clear();
        Assert.Empty(list);
        list.Clear();
        Assert.Empty(list);
        list.Add("c");
        Assert.Equal(["c"], list);
    }

    [Fact]
    public void ContainsAndIndexOf_FindFirstOccurrence_IncludingNull()
    {
        IList<string?> list = Create("a", null, "b", "a");
        Assert.True(list.Contains("a"));
        Assert.True(list.Contains(null));
        Assert.False(list.Contains("z"));
        Assert.Equal(0, list.IndexOf("a"));
        Assert.Equal(1, list.IndexOf(null));
        Assert.Equal(2, list.IndexOf("b"));
        Assert.Equal(-1, list.IndexOf("z"));
    }

    [Fact]
    public void CopyTo_CopiesAtOffset()
    {
        IList<string?> list = Create("a", "b");
        var target = new string?[4];
        list.CopyTo(target, 1);
        Assert.Equal(new string?[] { null, "a", "b", null }, target);
    }

    [Fact]
    public void CopyTo_BadArguments_Throw()
    {
        IList<string?> list = Create("a", "b");
        // Parameter names differ (List<T> reports Array.Copy's), so only the exception types are part of the contract.
        Assert.Throws<ArgumentNullException>(() => list.CopyTo(null!, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => list.CopyTo(new string?[4], -1));
        Assert.Throws<ArgumentException>(() => list.CopyTo(new string?[2], 1));
    }

    [Fact]
    public void Enumerators_VisitElementsInOrder_AndReset()
    {
        IList<string?> list = Create("a", "b", "c");
        var seen = new List<object?>();
        IEnumerator untyped = ((IEnumerable)list).GetEnumerator();
        while (untyped.MoveNext()) seen.Add(untyped.Current);
        Assert.Equal(["a", "b", "c"], seen);

        using IEnumerator<string?> typed = list.GetEnumerator();
        Assert.True(typed.MoveNext());
        Assert.True(typed.MoveNext());
        Assert.Equal("b", typed.Current);
        typed.Reset();
        Assert.True(typed.MoveNext());
        Assert.Equal("a", typed.Current);
    }

    [Fact]
    public void ModificationDuringEnumeration_FollowsCapability()
    {
        IList<string?> list = Create("a", "b", "c");
        var seen = new List<string?>();
        void Enumerate()
        {
            foreach (string? item in list)
            {
                seen.Add(item);
                if (item == "a") list.Add("d");
            }
        }

        if (EnumeratorIsSnapshot)
        {
            Enumerate();
            Assert.Equal(["a", "b", "c"], seen); // the snapshot never shows the later write
            Assert.Equal(["a", "b", "c", "d"], list);
        }
        else
        {
            Assert.Throws<InvalidOperationException>(Enumerate);
        }
    }

    [Fact]
    public void ManyOperations_MatchTheReferenceList()
    {
        // A fixed pseudo-random walk through the whole surface, checked against List<T> after every step.
        IList<string?> list = Create();
        var reference = new List<string?>();
        var random = new Random(1234);
        for (int step = 0; step < 2000; step++)
        {
            string? value = random.Next(12) == 0 ? null : ((char)('a' + random.Next(8))).ToString();
            switch (random.Next(6))
            {
                case 0:
                case 1:
                    list.Add(value); reference.Add(value); break;
                case 2:
                    int insertAt = random.Next(reference.Count + 1);
                    list.Insert(insertAt, value); reference.Insert(insertAt, value); break;
                case 3:
                    Assert.Equal(reference.Remove(value), list.Remove(value)); break;
                case 4:
                    if (reference.Count > 0)
                    {
                        int at = random.Next(reference.Count);
                        list.RemoveAt(at); reference.RemoveAt(at);
                    }
                    break;
                default:
                    if (reference.Count > 0)
                    {
                        int at = random.Next(reference.Count);
                        list[at] = value; reference[at] = value;
                    }
                    break;
            }
            Assert.Equal(reference.Count, list.Count);
            Assert.Equal(reference.IndexOf(value), list.IndexOf(value));
        }
        Assert.Equal(reference, list);
    }
}
