using System.Collections.Concurrent;

namespace RcuCollections.Tests.Dictionary;

/// <summary>
/// The behaviours IDictionary / ConcurrentDictionary users rely on, written once and run against every map
/// (ConcurrentDictionary is the reference: a test that fails there is a wrong test, not a wrong map).
/// </summary>
public abstract class DictionaryContractTests
{
    /// <summary>Creates an empty int→string map.</summary>
    protected abstract IConcurrentMap<int, string> CreateMap(IEqualityComparer<int>? comparer = null);

    /// <summary>Creates an empty string→int map.</summary>
    protected abstract IConcurrentMap<string, int> CreateStringMap(IEqualityComparer<string>? comparer = null);

    /// <summary>
    /// Whether one enumeration never yields a key twice while the map changes. ConcurrentDictionary does not promise it:
    /// its enumerator re-reads the current bucket array, so a resize mid-enumeration can yield keys again (observed here).
    /// </summary>
    protected virtual bool EnumerationYieldsNoDuplicates => true;

    /// <summary>Whether Keys/Values are detached copies (both maps here: true).</summary>
    protected virtual bool KeysAreSnapshots => true;

    [Fact]
    public void NewMap_IsEmpty()
    {
        var map = CreateMap();
        Assert.True(map.IsEmpty);
        Assert.Equal(0, map.Count);
        Assert.Empty(map);
        Assert.Empty(map.Keys);
        Assert.Empty(map.ToArray());
        Assert.False(map.ContainsKey(1));
        Assert.False(map.TryGetValue(1, out _));
    }

    [Fact]
    public void TryAdd_AddsOnce_AndKeepsTheFirstValue()
    {
        var map = CreateMap();
        Assert.True(map.TryAdd(1, "a"));
        Assert.False(map.TryAdd(1, "b"));
        Assert.Equal("a", map[1]);
        Assert.Equal(1, map.Count);
        Assert.False(map.IsEmpty);
    }

    [Fact]
    public void Indexer_AddsAndReplaces_AndThrowsForAbsentKey()
    {
        var map = CreateMap();
        map[5] = "x";
        map[5] = "y";
        Assert.Equal("y", map[5]);
        Assert.Equal(1, map.Count);
        Assert.Throws<KeyNotFoundException>(() => map[6]);
    }

    [Fact]
    public void TryRemove_ReturnsTheValue_AndOnlyOnce()
    {
        var map = CreateMap();
        map.TryAdd(1, "a");
        Assert.True(map.TryRemove(1, out string? removed));
        Assert.Equal("a", removed);
        Assert.False(map.TryRemove(1, out _));
        Assert.True(map.IsEmpty);
    }

    [Fact]
    public void TryRemovePair_RemovesOnlyWhenTheValueMatches()
    {
        var map = CreateMap();
        map.TryAdd(1, "a");
        Assert.False(map.TryRemove(new KeyValuePair<int, string>(1, "b")));
        Assert.True(map.ContainsKey(1));
        Assert.True(map.TryRemove(new KeyValuePair<int, string>(1, "a")));
        Assert.False(map.ContainsKey(1));
    }

    [Fact]
    public void TryUpdate_ReplacesOnlyWhenTheComparisonValueMatches()
    {
        var map = CreateMap();
        Assert.False(map.TryUpdate(1, "b", "a"));
        map.TryAdd(1, "a");
        Assert.False(map.TryUpdate(1, "b", "z"));
        Assert.Equal("a", map[1]);
        Assert.True(map.TryUpdate(1, "b", "a"));
        Assert.Equal("b", map[1]);
    }

    [Fact]
    public void GetOrAdd_AllOverloads_AddWhenAbsent_AndReturnTheExistingValue()
    {
        var map = CreateMap();
        Assert.Equal("v1", map.GetOrAdd(1, "v1"));
        Assert.Equal("v1", map.GetOrAdd(1, "other"));
        int factoryCalls = 0;
        Assert.Equal("f2", map.GetOrAdd(2, k => { factoryCalls++; return "f" + k; }));
        Assert.Equal("f2", map.GetOrAdd(2, k => { factoryCalls++; return "never"; }));
        Assert.Equal(1, factoryCalls);
        Assert.Equal("g3!", map.GetOrAdd(3, (k, arg) => "g" + k + arg, "!"));
        Assert.Equal("g3!", map.GetOrAdd(3, (k, arg) => "never", "?"));
        Assert.Equal(3, map.Count);
    }

    [Fact]
    public void AddOrUpdate_AllOverloads_AddThenUpdate()
    {
        var map = CreateMap();
        Assert.Equal("a", map.AddOrUpdate(1, "a", (k, old) => old + "+"));
        Assert.Equal("a+", map.AddOrUpdate(1, "a", (k, old) => old + "+"));
        Assert.Equal("n2", map.AddOrUpdate(2, k => "n" + k, (k, old) => old + "u"));
        Assert.Equal("n2u", map.AddOrUpdate(2, k => "n" + k, (k, old) => old + "u"));
        Assert.Equal("n3#", map.AddOrUpdate(3, (k, arg) => "n" + k + arg, (k, old, arg) => old + arg, "#"));
        Assert.Equal("n3##", map.AddOrUpdate(3, (k, arg) => "n" + k + arg, (k, old, arg) => old + arg, "#"));
        Assert.Equal(new[] { "a+", "n2u", "n3##" }, map.OrderBy(p => p.Key).Select(p => p.Value));
    }

    [Fact]
    public void IDictionaryAdd_ThrowsOnDuplicate()
    {
        IDictionary<int, string> map = CreateMap();
        map.Add(1, "a");
        Assert.Throws<ArgumentException>(() => map.Add(1, "b"));
        Assert.Throws<ArgumentException>(() => map.Add(new KeyValuePair<int, string>(1, "c")));
        Assert.Equal("a", map[1]);
    }

    [Fact]
    public void ICollectionMembers_ContainsRemoveCopyTo()
    {
        var map = CreateMap();
        ICollection<KeyValuePair<int, string>> collection = map;
        map.TryAdd(1, "a");
        map.TryAdd(2, "b");
        Assert.False(collection.IsReadOnly);
        Assert.Contains(new KeyValuePair<int, string>(1, "a"), collection);
        Assert.False(collection.Contains(new KeyValuePair<int, string>(1, "b")));
        Assert.False(collection.Remove(new KeyValuePair<int, string>(2, "a")));
        Assert.True(((IDictionary<int, string>)map).Remove(2));
        var target = new KeyValuePair<int, string>[3];
        collection.CopyTo(target, 1);
        Assert.Equal(new KeyValuePair<int, string>(1, "a"), target[1]);
        Assert.Throws<ArgumentException>(() => collection.CopyTo(new KeyValuePair<int, string>[1], 1));
        Assert.ThrowsAny<ArgumentException>(() => collection.CopyTo(target, -1));
    }

    [Fact]
    public void KeysValuesToArrayAndEnumeration_AgreeWithContents()
    {
        var map = CreateMap();
        var expected = new Dictionary<int, string>();
        for (int i = 0; i < 500; i++)
        {
            map.TryAdd(i * 7, "v" + i);
            expected.Add(i * 7, "v" + i);
        }
        Assert.Equal(expected.Keys.Order(), map.Keys.Order());
        Assert.Equal(expected.Values.Order(), map.Values.Order());
        Assert.Equal(expected.OrderBy(p => p.Key), map.ToArray().OrderBy(p => p.Key));
        Assert.Equal(expected.OrderBy(p => p.Key), map.OrderBy(p => p.Key));
        Assert.Equal(expected.Keys.Order(), ((IReadOnlyDictionary<int, string>)map).Keys.Order());
        if (KeysAreSnapshots)
        {
            ICollection<int> keys = map.Keys;
            map.TryAdd(-1, "late");
            Assert.DoesNotContain(-1, keys);
            Assert.True(keys.IsReadOnly);
        }
    }

    [Fact]
    public void Enumeration_MayRunWhileTheMapChanges()
    {
        var map = CreateMap();
        for (int i = 0; i < 100; i++) map.TryAdd(i, "v");
        int seen = 0, originals = 0;
        foreach (KeyValuePair<int, string> pair in map)
        {
            map.TryRemove(pair.Key, out _);
            if (pair.Key < 1000)
            {
                originals++;
                map.TryAdd(pair.Key + 1000, "new");
            }
            seen++;
        }
        // Every key present until it is yielded is yielded once; keys added meanwhile may or may not be.
        Assert.Equal(100, originals);
        if (EnumerationYieldsNoDuplicates) Assert.InRange(seen, 100, 200);
    }

    [Fact]
    public void Clear_EmptiesTheMap_AndItStaysUsable()
    {
        var map = CreateMap();
        for (int i = 0; i < 1000; i++) map.TryAdd(i, "v");
        map.Clear();
        Assert.True(map.IsEmpty);
        Assert.Equal(0, map.Count);
        Assert.Empty(map);
        Assert.False(map.ContainsKey(5));
        Assert.True(map.TryAdd(5, "again"));
        Assert.Equal(1, map.Count);
    }

    [Fact]
    public void ManyKeys_GrowAndShrink_KeepEveryPair()
    {
        var map = CreateMap();
        for (int i = 0; i < 20_000; i++) Assert.True(map.TryAdd(i, i.ToString()));
        Assert.Equal(20_000, map.Count);
        for (int i = 0; i < 20_000; i += 2) Assert.True(map.TryRemove(i, out _));
        Assert.Equal(10_000, map.Count);
        for (int i = 0; i < 20_000; i++)
        {
            Assert.Equal(i % 2 == 1, map.TryGetValue(i, out string? value));
            if (i % 2 == 1) Assert.Equal(i.ToString(), value);
        }
        for (int i = 1; i < 20_000; i += 2) Assert.True(map.TryRemove(i, out _));
        Assert.True(map.IsEmpty);
    }

    [Fact]
    public void CustomComparer_DecidesEquality()
    {
        var map = CreateStringMap(StringComparer.OrdinalIgnoreCase);
        Assert.True(map.TryAdd("Key", 1));
        Assert.False(map.TryAdd("KEY", 2));
        Assert.Equal(1, map["key"]);
        Assert.True(map.TryRemove("kEy", out int removed));
        Assert.Equal(1, removed);
    }

    [Fact]
    public void NullKey_ThrowsArgumentNullException_Everywhere()
    {
        var map = CreateStringMap();
        Assert.Throws<ArgumentNullException>(() => map.TryAdd(null!, 1));
        Assert.Throws<ArgumentNullException>(() => map.TryGetValue(null!, out _));
        Assert.Throws<ArgumentNullException>(() => map.ContainsKey(null!));
        Assert.Throws<ArgumentNullException>(() => map.TryRemove(null!, out _));
        Assert.Throws<ArgumentNullException>(() => map.TryRemove(new KeyValuePair<string, int>(null!, 1)));
        Assert.Throws<ArgumentNullException>(() => map.TryUpdate(null!, 1, 2));
        Assert.Throws<ArgumentNullException>(() => map[null!]);
        Assert.Throws<ArgumentNullException>(() => map[null!] = 1);
        Assert.Throws<ArgumentNullException>(() => map.GetOrAdd(null!, 1));
        Assert.Throws<ArgumentNullException>(() => map.GetOrAdd(null!, _ => 1));
        Assert.Throws<ArgumentNullException>(() => map.AddOrUpdate(null!, 1, (_, v) => v));
        Assert.Throws<ArgumentNullException>(() => map.GetOrAdd("k", (Func<string, int>)null!));
        Assert.Throws<ArgumentNullException>(() => map.AddOrUpdate("k", 1, null!));
        Assert.True(map.IsEmpty);
    }

    [Fact]
    public void ThrowingFactory_LeavesTheMapUnchanged()
    {
        var map = CreateMap();
        map.TryAdd(1, "a");
        Assert.Throws<InvalidOperationException>(() => map.GetOrAdd(2, _ => throw new InvalidOperationException()));
        Assert.Throws<InvalidOperationException>(() => map.AddOrUpdate(1, "x", (_, _) => throw new InvalidOperationException()));
        Assert.Throws<InvalidOperationException>(() => map.AddOrUpdate(3, _ => throw new InvalidOperationException(), (_, v) => v));
        Assert.Equal(new[] { new KeyValuePair<int, string>(1, "a") }, map.ToArray());
        Assert.True(map.TryAdd(2, "b"));
    }

    [Fact]
    public void ThrowingComparer_LeavesTheMapUnchangedAndUsable()
    {
        var comparer = new SwitchableThrowingComparer();
        var map = CreateMap(comparer);
        for (int i = 0; i < 100; i++) map.TryAdd(i, "v" + i);
        comparer.Throw = true;
        Assert.Throws<InvalidOperationException>(() => map.TryAdd(1000, "x"));
        Assert.Throws<InvalidOperationException>(() => map.TryGetValue(5, out _));
        Assert.Throws<InvalidOperationException>(() => map.TryRemove(5, out _));
        Assert.Throws<InvalidOperationException>(() => map[5] = "changed");
        comparer.Throw = false;
        Assert.Equal(100, map.Count);
        for (int i = 0; i < 100; i++) Assert.Equal("v" + i, map[i]);
        Assert.True(map.TryAdd(1000, "x"));
        Assert.True(map.TryRemove(5, out _));
    }

    /// <summary>Equality by value; throws from both members while <see cref="Throw"/> is set.</summary>
    protected sealed class SwitchableThrowingComparer : IEqualityComparer<int>
    {
        public volatile bool Throw;
        public bool Equals(int x, int y) => Throw ? throw new InvalidOperationException("comparer failed") : x == y;
        public int GetHashCode(int obj) => Throw ? throw new InvalidOperationException("comparer failed") : obj;
    }
}

/// <summary>The contract run against <see cref="RcuDictionary{TKey, TValue}"/>.</summary>
public sealed class RcuDictionaryContractTests : DictionaryContractTests
{
    protected override IConcurrentMap<int, string> CreateMap(IEqualityComparer<int>? comparer = null) =>
        new RcuMap<int, string>(new RcuDictionary<int, string>(comparer));

    protected override IConcurrentMap<string, int> CreateStringMap(IEqualityComparer<string>? comparer = null) =>
        new RcuMap<string, int>(new RcuDictionary<string, int>(comparer));
}

/// <summary>The same contract against ConcurrentDictionary, which keeps the tests honest.</summary>
public sealed class ConcurrentDictionaryReferenceContractTests : DictionaryContractTests
{
    protected override IConcurrentMap<int, string> CreateMap(IEqualityComparer<int>? comparer = null) =>
        new ConcurrentMap<int, string>(new ConcurrentDictionary<int, string>(comparer));

    protected override IConcurrentMap<string, int> CreateStringMap(IEqualityComparer<string>? comparer = null) =>
        new ConcurrentMap<string, int>(new ConcurrentDictionary<string, int>(comparer));

    protected override bool EnumerationYieldsNoDuplicates => false;
}
