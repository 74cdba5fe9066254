using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace RcuCollections.Tests.Dictionary;

/// <summary>
/// The rest of ConcurrentDictionary's surface: the concurrencyLevel constructors, the non-generic IDictionary and
/// ICollection, TryRemove(pair)'s null key, and the debugger view. Exceptions are compared with ConcurrentDictionary's.
/// </summary>
public sealed class DictionaryNonGenericAndConstructorTests
{
    /// <summary>Runs <paramref name="call"/> on both and asserts the same outcome: no exception, or the same type (and parameter name, where the BCL's is an argument's value).</summary>
    private static void SameOutcome<TDictionary1, TDictionary2>(TDictionary1 ours, TDictionary2 reference, Action<object> call)
        where TDictionary1 : notnull
        where TDictionary2 : notnull
    {
        Exception? expected = Record.Exception(() => call(reference));
        Exception? actual = Record.Exception(() => call(ours));
        Assert.Equal(expected?.GetType(), actual?.GetType());
        // Parameter names where the BCL gives one for a bad argument value (ArgumentException of a wrong type names none).
        if (expected is ArgumentNullException or ArgumentOutOfRangeException)
            Assert.Equal(((ArgumentException)expected).ParamName, ((ArgumentException)actual!).ParamName);
    }

    [Theory]
    [InlineData(0, 10, "concurrencyLevel")]
    [InlineData(-2, 10, "concurrencyLevel")]
    [InlineData(int.MinValue, 10, "concurrencyLevel")]
    [InlineData(1, -1, "capacity")]
    [InlineData(-1, -5, "capacity")]
    public void ConcurrencyLevelConstructors_RejectBadArguments_LikeConcurrentDictionary(int level, int capacity, string paramName)
    {
        Assert.Equal(paramName, Assert.Throws<ArgumentOutOfRangeException>(() => new ConcurrentDictionary<int, int>(level, capacity)).ParamName);
        Assert.Equal(paramName, Assert.Throws<ArgumentOutOfRangeException>(() => new RcuDictionary<int, int>(level, capacity)).ParamName);
        Assert.Equal(paramName, Assert.Throws<ArgumentOutOfRangeException>(() => new RcuDictionary<string, int>(level, capacity, StringComparer.Ordinal)).ParamName);
        if (paramName == "concurrencyLevel")
            Assert.Equal(paramName, Assert.Throws<ArgumentOutOfRangeException>(() => new RcuDictionary<int, int>(level, [], null)).ParamName);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(1, 2)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(8, 8)]
    [InlineData(100, 128)]
    [InlineData(4096, 4096)]
    [InlineData(int.MaxValue, 4096)]
    public void ConcurrencyLevel_IsTheSegmentCount(int level, int segments)
    {
        int expected = segments == 0 ? new RcuDictionary<int, int>().GetDiagnostics().Segments : segments;
        var map = new RcuDictionary<int, int>(level, 100);
        Assert.Equal(expected, map.GetDiagnostics().Segments);
        for (int i = 0; i < 1000; i++) map[i] = i;
        Assert.Equal(1000, map.Count);
        map.CheckInvariants();
        Assert.Equal(expected, new RcuDictionary<string, int>(level, 0, null).GetDiagnostics().Segments);
    }

    [Fact]
    public void ConcurrencyLevelCollectionConstructor_CopiesWithTheComparer()
    {
        var source = new Dictionary<string, int> { ["a"] = 1, ["B"] = 2 };
        var map = new RcuDictionary<string, int>(4, source, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(4, map.GetDiagnostics().Segments);
        Assert.Equal(2, map["b"]);
        Assert.Same(StringComparer.OrdinalIgnoreCase, map.Comparer);
        Assert.Equal("collection", Assert.Throws<ArgumentNullException>(() => new RcuDictionary<string, int>(4, null!, null)).ParamName);
        Assert.Equal("collection", Assert.Throws<ArgumentNullException>(() => new ConcurrentDictionary<string, int>(4, null!, null)).ParamName);
        var duplicates = new[] { KeyValuePair.Create("a", 1), KeyValuePair.Create("A", 2) };
        Assert.Throws<ArgumentException>(() => new ConcurrentDictionary<string, int>(4, duplicates, StringComparer.OrdinalIgnoreCase));
        Assert.Throws<ArgumentException>(() => new RcuDictionary<string, int>(4, duplicates, StringComparer.OrdinalIgnoreCase));
        Assert.Throws<ArgumentNullException>(() => new RcuDictionary<string, int>(-1, [KeyValuePair.Create((string)null!, 1)], null));
    }

    [Fact]
    public void TryRemovePair_WithANullKey_ThrowsArgumentNullForItem()
    {
        var pair = KeyValuePair.Create((string)null!, 1);
        Assert.Equal("item", Assert.Throws<ArgumentNullException>(() => new ConcurrentDictionary<string, int>().TryRemove(pair)).ParamName);
        Assert.Equal("item", Assert.Throws<ArgumentNullException>(() => new RcuDictionary<string, int>().TryRemove(pair)).ParamName);
        Assert.Equal("item", Assert.Throws<ArgumentNullException>(() => ((ICollection<KeyValuePair<string, int>>)new ConcurrentDictionary<string, int>()).Remove(pair)).ParamName);
        Assert.Equal("item", Assert.Throws<ArgumentNullException>(() => ((ICollection<KeyValuePair<string, int>>)new RcuDictionary<string, int>()).Remove(pair)).ParamName);
    }

    [Fact]
    public void NonGenericDictionary_BehavesLikeConcurrentDictionarys()
    {
        var ours = new RcuDictionary<string, int>();
        var reference = new ConcurrentDictionary<string, int>();
        Action<Action<IDictionary>> both = call => SameOutcome(ours, reference, d => call((IDictionary)d));

        both(d => d.Add("a", 1));
        both(d => d.Add("a", 2));          // duplicate key
        both(d => d.Add(null!, 1));        // null key
        both(d => d.Add(5, 1));            // wrong key type
        both(d => d.Add("b", "one"));      // wrong value type
        both(d => d.Add("b", null));       // null for a value type
        both(d => d["c"] = 3);
        both(d => d[null!] = 3);
        both(d => d[5] = 3);
        both(d => d["c"] = "three");
        both(d => d["c"] = null);
        both(d => _ = d[null!]);
        both(d => Assert.Null(d[5]));
        both(d => Assert.Null(d["missing"]));
        both(d => Assert.Equal(3, d["c"]));
        both(d => Assert.True(d.Contains("a")));
        both(d => Assert.False(d.Contains(5)));
        both(d => d.Contains(null!));
        both(d => d.Remove(null!));
        both(d => d.Remove(5));
        both(d => d.Remove("missing"));
        both(d => Assert.False(d.IsFixedSize));
        both(d => Assert.False(d.IsReadOnly));
        both(d => Assert.False(((ICollection)d).IsSynchronized));
        both(d => _ = ((ICollection)d).SyncRoot);
        both(d => Assert.Equal(2, d.Count));
        both(d => Assert.Equal(["a", "c"], d.Keys.Cast<string>().Order()));
        both(d => Assert.Equal([1, 3], d.Values.Cast<int>().Order()));
        both(d =>
        {
            var seen = new List<(object Key, object? Value)>();
            IDictionaryEnumerator e = d.GetEnumerator();
            while (e.MoveNext())
            {
                Assert.Equal(e.Key, e.Entry.Key);
                Assert.Equal(e.Value, ((DictionaryEntry)e.Current).Value);
                seen.Add((e.Key, e.Value));
            }
            Assert.Equal([("a", (object?)1), ("c", 3)], seen.OrderBy(p => (string)p.Key));
        });
        both(d => d.Remove("a"));
        Assert.Equal(reference.OrderBy(p => p.Key), ours.OrderBy(p => p.Key));
        Assert.Equal(Assert.Throws<NotSupportedException>(() => ((ICollection)reference).SyncRoot).GetType(),
            Assert.Throws<NotSupportedException>(() => ((ICollection)ours).SyncRoot).GetType());
    }

    [Fact]
    public void NonGenericDictionary_OfAReferenceValue_TakesNull()
    {
        IDictionary map = new RcuDictionary<int, string>();
        map[1] = null;
        map.Add(2, null);
        Assert.True(map.Contains(1) && map.Contains(2));
        Assert.Null(map[1]);
        Assert.Throws<ArgumentException>(() => map.Add(3, 3));
    }

    [Fact]
    public void NonGenericCopyTo_FillsPairsEntriesAndObjects_LikeConcurrentDictionary()
    {
        var ours = new RcuDictionary<int, string>();
        var reference = new ConcurrentDictionary<int, string>();
        for (int i = 0; i < 5; i++)
        {
            ours[i] = "v" + i;
            reference[i] = "v" + i;
        }
        Action<Action<ICollection>> both = call => SameOutcome(ours, reference, d => call((ICollection)d));
        both(d => d.CopyTo(null!, 0));
        both(d => d.CopyTo(new KeyValuePair<int, string>[5], -1));
        both(d => d.CopyTo(new KeyValuePair<int, string>[5], 1));     // too small
        both(d => d.CopyTo(new KeyValuePair<int, string>[4], 0));     // too small
        both(d => d.CopyTo(new int[10], 0));                          // wrong element type
        both(d => d.CopyTo(new string[10], 0));                       // object[] by covariance: ArrayTypeMismatchException, as the BCL's
        both(d => d.CopyTo(new KeyValuePair<int, string>[2, 5], 0));  // multidimensional

        var pairs = new KeyValuePair<int, string>[7];
        ((ICollection)ours).CopyTo(pairs, 2);
        Assert.Equal(ours.OrderBy(p => p.Key), pairs.Skip(2).OrderBy(p => p.Key));
        var entries = new DictionaryEntry[6];
        ((ICollection)ours).CopyTo(entries, 1);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => ((object)i, (object?)("v" + i))),
            entries.Skip(1).Select(e => (e.Key, e.Value)).OrderBy(e => (int)e.Key));
        var objects = new object[5];
        ((ICollection)ours).CopyTo(objects, 0);
        Assert.Equal(ours.OrderBy(p => p.Key), objects.Cast<KeyValuePair<int, string>>().OrderBy(p => p.Key));
    }

    [Fact]
    public void DebuggerView_ShowsThePairs_NotTheSegments()
    {
        var map = new RcuDictionary<string, int>();
        for (int i = 0; i < 40; i++) map["k" + i] = i;

        Assert.Equal("Count = {Count}", typeof(RcuDictionary<string, int>).GetCustomAttribute<DebuggerDisplayAttribute>()!.Value);
        var proxy = typeof(RcuDictionary<string, int>).GetCustomAttribute<DebuggerTypeProxyAttribute>();
        Assert.NotNull(proxy);
        Type proxyType = Type.GetType(proxy!.ProxyTypeName, throwOnError: true)!.MakeGenericType(typeof(string), typeof(int));
        object view = Activator.CreateInstance(proxyType, map)!;
        Assert.Throws<TargetInvocationException>(() => Activator.CreateInstance(proxyType, new object?[] { null }));

        PropertyInfo items = Assert.Single(proxyType.GetProperties(BindingFlags.Instance | BindingFlags.Public));
        Assert.Equal(DebuggerBrowsableState.RootHidden, items.GetCustomAttribute<DebuggerBrowsableAttribute>()!.State);
        var shown = ((Array)items.GetValue(view)!).Cast<object>().ToArray();
        Type itemType = shown.GetType().GetElementType() == typeof(object) && shown.Length > 0 ? shown[0].GetType() : items.PropertyType.GetElementType()!;
        var display = itemType.GetCustomAttribute<DebuggerDisplayAttribute>();
        Assert.Equal("{Value}", display!.Value);
        Assert.Equal("[{Key}]", display.Name);
        var pairs = shown.Select(item => ((string)itemType.GetProperty("Key")!.GetValue(item)!, (int)itemType.GetProperty("Value")!.GetValue(item)!));
        Assert.Equal(map.Select(p => (p.Key, p.Value)).OrderBy(p => p.Value), pairs.OrderBy(p => p.Item2));
    }
}
