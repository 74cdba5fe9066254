namespace RcuCollections.Tests.List;

/// <summary>
/// The <see cref="List{T}"/>-style members of <see cref="RcuList{T}"/> that <see cref="IList{T}"/> lacks (Sort,
/// InsertRange, RemoveRange, Find*, Exists, IndexOf/LastIndexOf overloads, ToArray, ConvertAll), checked against
/// <see cref="List{T}"/> itself: for every argument combination around the edges (negative, in range, past the end,
/// int.MinValue/MaxValue) on lists of 0 to 5 elements, the result, the exception type and its ParamName, and the
/// contents afterwards must be the same. Plain and pooled (one array per length, so recycled arrays are reused often).
/// </summary>
public sealed class RcuListSurfaceContractTests
{
    public static TheoryData<bool> Modes => new() { false, true };

    private static readonly int[] Args = [int.MinValue, -2, -1, 0, 1, 2, 3, 4, 5, 6, int.MaxValue];

    private static readonly int[][] Contents = [[], [7], [3, 1, 2], [5, 3, 5, 1, 4], [2, 2, 9, 0, 2]];

    private static RcuList<int> NewList(bool pooled, IEnumerable<int> items) =>
        new(items, new RcuListOptions { PoolArrays = pooled, MaxPooledArraysPerLength = 1, PooledElementsPerLength = 0, MaxPooledLengths = 2 });

    /// <summary>"ok result" or "ExceptionType(ParamName)": what the comparison looks at.</summary>
    private static string Outcome<TList>(TList target, Func<TList, object?> op)
    {
        try
        {
            object? result = op(target);
            return result is System.Collections.IEnumerable e and not string
                ? "ok [" + string.Join(",", e.Cast<object?>()) + "]"
                : $"ok {result}";
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}({(e as ArgumentException)?.ParamName})";
        }
    }

    /// <summary>Applies the same operation to a List and an RcuList holding each of <see cref="Contents"/> and compares.</summary>
    private static void Same(bool pooled, string what, Func<List<int>, object?> onList, Func<RcuList<int>, object?> onRcu)
    {
        foreach (int[] items in Contents)
        {
            var reference = new List<int>(items);
            RcuList<int> list = NewList(pooled, items);
            string expected = Outcome(reference, onList);
            string actual = Outcome(list, onRcu);
            Assert.True(expected == actual, $"{what} on [{string.Join(",", items)}]: List<T> gave {expected}, RcuList gave {actual}");
            Assert.Equal(reference, list.ToArray());
            Assert.Equal(reference, list); // the enumerator agrees with ToArray
        }
    }

    private static readonly IComparer<int> Descending = Comparer<int>.Create(static (a, b) => b.CompareTo(a));

    [Theory]
    [MemberData(nameof(Modes))]
    public void Sort_AllOverloads_MatchList(bool pooled)
    {
        Same(pooled, "Sort()", l => { l.Sort(); return null; }, r => { r.Sort(); return null; });
        Same(pooled, "Sort(null)", l => { l.Sort((IComparer<int>?)null); return null; }, r => { r.Sort((IComparer<int>?)null); return null; });
        Same(pooled, "Sort(desc)", l => { l.Sort(Descending); return null; }, r => { r.Sort(Descending); return null; });
        Same(pooled, "Sort(comparison)", l => { l.Sort((a, b) => b - a); return null; }, r => { r.Sort((a, b) => b - a); return null; });
        Same(pooled, "Sort((Comparison)null)", l => { l.Sort((Comparison<int>)null!); return null; }, r => { r.Sort((Comparison<int>)null!); return null; });
        foreach (int index in Args)
        {
            foreach (int count in Args)
            {
                Same(pooled, $"Sort({index}, {count}, desc)",
                    l => { l.Sort(index, count, Descending); return null; },
                    r => { r.Sort(index, count, Descending); return null; });
                Same(pooled, $"Sort({index}, {count}, null)",
                    l => { l.Sort(index, count, null); return null; },
                    r => { r.Sort(index, count, null); return null; });
            }
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void InsertRangeAndRemoveRange_MatchList(bool pooled)
    {
        foreach (int index in Args)
        {
            Same(pooled, $"InsertRange({index}, [8, 9])", l => { l.InsertRange(index, [8, 9]); return null; }, r => { r.InsertRange(index, [8, 9]); return null; });
            Same(pooled, $"InsertRange({index}, [])", l => { l.InsertRange(index, []); return null; }, r => { r.InsertRange(index, []); return null; });
            Same(pooled, $"InsertRange({index}, lazy)",
                l => { l.InsertRange(index, Enumerable.Range(20, 3)); return null; },
                r => { r.InsertRange(index, Enumerable.Range(20, 3)); return null; });
            Same(pooled, $"InsertRange({index}, null)", l => { l.InsertRange(index, null!); return null; }, r => { r.InsertRange(index, null!); return null; });
            foreach (int count in Args)
            {
                Same(pooled, $"RemoveRange({index}, {count})", l => { l.RemoveRange(index, count); return null; }, r => { r.RemoveRange(index, count); return null; });
            }
        }
        Same(pooled, "InsertRange(1, itself)",
            l => { if (l.Count > 0) l.InsertRange(1, l); return null; },
            r => { if (r.Count > 0) r.InsertRange(1, r); return null; });
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void FindFamily_MatchesList(bool pooled)
    {
        Predicate<int> odd = static x => x % 2 == 1;
        Predicate<int> none = static x => x > 100;
        foreach (Predicate<int>? match in new[] { odd, none, null })
        {
            Same(pooled, "Find", l => l.Find(match!), r => r.Find(match!));
            Same(pooled, "FindLast", l => l.FindLast(match!), r => r.FindLast(match!));
            Same(pooled, "Exists", l => l.Exists(match!), r => r.Exists(match!));
            Same(pooled, "FindIndex", l => l.FindIndex(match!), r => r.FindIndex(match!));
            Same(pooled, "FindLastIndex", l => l.FindLastIndex(match!), r => r.FindLastIndex(match!));
            foreach (int start in Args)
            {
                Same(pooled, $"FindIndex({start})", l => l.FindIndex(start, match!), r => r.FindIndex(start, match!));
                Same(pooled, $"FindLastIndex({start})", l => l.FindLastIndex(start, match!), r => r.FindLastIndex(start, match!));
                foreach (int count in Args)
                {
                    Same(pooled, $"FindIndex({start}, {count})", l => l.FindIndex(start, count, match!), r => r.FindIndex(start, count, match!));
                    Same(pooled, $"FindLastIndex({start}, {count})", l => l.FindLastIndex(start, count, match!), r => r.FindLastIndex(start, count, match!));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void IndexOfOverloadsAndLastIndexOf_MatchList(bool pooled)
    {
        foreach (int item in new[] { 2, 5, 7, 42 })
        {
            Same(pooled, $"LastIndexOf({item})", l => l.LastIndexOf(item), r => r.LastIndexOf(item));
            foreach (int index in Args)
            {
                Same(pooled, $"IndexOf({item}, {index})", l => l.IndexOf(item, index), r => r.IndexOf(item, index));
                foreach (int count in Args)
                {
                    Same(pooled, $"IndexOf({item}, {index}, {count})", l => l.IndexOf(item, index, count), r => r.IndexOf(item, index, count));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void ToArrayAndConvertAll_MatchList(bool pooled)
    {
        Same(pooled, "ToArray", l => l.ToArray(), r => r.ToArray());
        Same(pooled, "ConvertAll", l => l.ConvertAll(static x => $"<{x}>"), r => r.ConvertAll(static x => $"<{x}>"));
        Same(pooled, "ConvertAll(null)", l => l.ConvertAll<string>(null!), r => r.ConvertAll<string>(null!));
        Same(pooled, "ConvertAll type", l => l.ConvertAll(static x => (long)x).GetType().Name, r => r.ConvertAll(static x => (long)x).GetType().Name);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void ToArray_IsAFreshCopy_AndDoesNotEscapeTheVersion(bool pooled)
    {
        RcuList<int> list = NewList(pooled, [1, 2, 3]);
        int[] copy = list.ToArray();
        copy[0] = 99;
        Assert.Equal([1, 2, 3], list.ToArray());
        Assert.NotSame(list.ToArray(), list.ToArray());
        Assert.Empty(NewList(pooled, []).ToArray());
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void ReplaceAll_MatchesConvertAllOfList(bool pooled)
    {
        Same(pooled, "ReplaceAll(x * 10 + 1)",
            l => { List<int> converted = l.ConvertAll(static x => x * 10 + 1); l.Clear(); l.AddRange(converted); return null; },
            r => { r.ReplaceAll(static x => x * 10 + 1); return null; });
        Hostile.Hammer.Param<ArgumentNullException>("transform", () => NewList(pooled, [1]).ReplaceAll(null!));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void ReplaceAll_RunsTheTransformOncePerElementInOrder(bool pooled)
    {
        RcuList<string> list = new(["a", "b", "c"], new RcuListOptions { PoolArrays = pooled });
        var seen = new List<string>();
        list.ReplaceAll(x => { seen.Add(x); return x.ToUpperInvariant(); });
        Assert.Equal(["a", "b", "c"], seen);
        Assert.Equal(["A", "B", "C"], list);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Sort_SortsStrings_WithNulls_LikeList(bool pooled)
    {
        string?[] items = ["pear", null, "Apple", "fig", null, "apple"];
        var reference = new List<string?>(items);
        reference.Sort(StringComparer.Ordinal);
        RcuList<string?> list = new(items, new RcuListOptions { PoolArrays = pooled });
        list.Sort(StringComparer.Ordinal);
        Assert.Equal(reference, list);
    }

    [Fact]
    public void RandomSequences_OfTheNewWrites_MatchList()
    {
        foreach (bool pooled in new[] { false, true })
        {
            var random = new Random(4321);
            var reference = new List<int>();
            RcuList<int> list = NewList(pooled, []);
            for (int step = 0; step < 1500; step++)
            {
                int a = random.Next(-1, reference.Count + 2), b = random.Next(-1, 4), v = random.Next(10);
                (string what, Func<List<int>, object?> l, Func<RcuList<int>, object?> r) op = random.Next(8) switch
                {
                    0 => ("InsertRange", x => { x.InsertRange(a, [v, v + 1]); return null; }, x => { x.InsertRange(a, [v, v + 1]); return null; }),
                    1 => ("RemoveRange", x => { x.RemoveRange(a, b); return null; }, x => { x.RemoveRange(a, b); return null; }),
                    2 => ("Sort range", x => { x.Sort(a, b, Descending); return null; }, x => { x.Sort(a, b, Descending); return null; }),
                    3 => ("Sort", x => { x.Sort(); return null; }, x => { x.Sort(); return null; }),
                    4 => ("FindIndex", x => x.FindIndex(a, y => y == v), x => x.FindIndex(a, y => y == v)),
                    5 => ("FindLastIndex", x => x.FindLastIndex(a, b, y => y == v), x => x.FindLastIndex(a, b, y => y == v)),
                    6 => ("IndexOf", x => x.IndexOf(v, a, b), x => x.IndexOf(v, a, b)),
                    _ => ("Add", x => { x.Add(v); return x.LastIndexOf(v); }, x => { x.Add(v); return x.LastIndexOf(v); }),
                };
                string expected = Outcome(reference, op.l);
                string actual = Outcome(list, op.r);
                Assert.True(expected == actual, $"step {step} {op.what}({a}, {b}, {v}): List<T> gave {expected}, RcuList gave {actual}");
                Assert.Equal(reference, list.ToArray());
            }
        }
    }
}
