namespace RcuCollections.Tests.Dictionary;

/// <summary>Misuse gets a clear exception and leaves the map unchanged (contract-level null and throwing cases are in DictionaryContractTests).</summary>
public sealed class DictionaryBadInputTests
{
    [Fact]
    public void NegativeCapacity_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RcuDictionary<int, int>(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RcuDictionary<int, int>(-1, EqualityComparer<int>.Default));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RcuDictionary<int, int>(new RcuDictionaryOptions { Capacity = -5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RcuDictionary<int, int>(new RcuDictionaryOptions { SegmentCount = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RcuDictionary<int, int>(new RcuDictionaryOptions { SegmentCount = 1 << 20 }));
    }

    [Fact]
    public void NullArguments_ThrowArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => new RcuDictionary<int, int>((RcuDomain)null!));
        Assert.Throws<ArgumentNullException>(() => new RcuDictionary<int, int>((RcuDictionaryOptions)null!));
        Assert.Throws<ArgumentNullException>(() => new RcuDictionary<int, int>((IEnumerable<KeyValuePair<int, int>>)null!));
        Assert.Throws<ArgumentNullException>(() => new RcuDictionary<string, int>(new[] { new KeyValuePair<string, int>(null!, 1) }));
        var map = new RcuDictionary<int, int>();
        Assert.Throws<ArgumentNullException>(() => map.GetOrAdd(1, (Func<int, string, int>)null!, "arg"));
        Assert.Throws<ArgumentNullException>(() => map.AddOrUpdate(1, null!, (_, v) => v));
        Assert.Throws<ArgumentNullException>(() => map.AddOrUpdate(1, _ => 1, null!));
        Assert.Throws<ArgumentNullException>(() => map.AddOrUpdate(1, (Func<int, int, int>)null!, (_, v, _) => v, 0));
        Assert.Throws<ArgumentNullException>(() => ((ICollection<KeyValuePair<int, int>>)map).CopyTo(null!, 0));
        Assert.True(map.IsEmpty);
    }

    [Fact]
    public void DuplicateKeysInTheSourceCollection_ThrowArgumentException()
    {
        var pairs = new[] { new KeyValuePair<int, int>(1, 1), new KeyValuePair<int, int>(1, 2) };
        Assert.Throws<ArgumentException>(() => new RcuDictionary<int, int>(pairs));
    }

    [Fact]
    public void CollectionConstructor_CopiesEveryPair_WithTheComparer()
    {
        var source = new Dictionary<string, int> { ["a"] = 1, ["B"] = 2 };
        var map = new RcuDictionary<string, int>(source, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(2, map.Count);
        Assert.Equal(2, map["b"]);
        Assert.Same(StringComparer.OrdinalIgnoreCase, map.Comparer);
    }

    [Fact]
    public void ThrowingComparerDuringResize_NeverCorruptsTheMap()
    {
        // Resizes reuse stored hash codes, so a comparer that starts throwing mid-growth cannot interrupt one.
        int calls = 0;
        var comparer = new DelegateComparer((a, b) => a == b, x => Interlocked.Increment(ref calls) % 997 == 0 ? throw new InvalidOperationException() : x);
        var map = new RcuDictionary<int, int>(comparer);
        var expected = new HashSet<int>();
        for (int i = 0; i < 10_000; i++)
        {
            try
            {
                if (map.TryAdd(i, i)) expected.Add(i);
            }
            catch (InvalidOperationException)
            {
            }
        }
        Assert.Equal(expected.Count, map.Count);
        Assert.Equal(expected.Order(), map.Keys.Order());
        Assert.True(expected.Count < 10_000);
    }

    [Fact]
    public void DisposedDomain_MakesWritesThrowObjectDisposed_NotCorrupt()
    {
        var domain = new RcuDomain();
        var map = new RcuDictionary<int, IDisposable>(new RcuDictionaryOptions { Domain = domain, DisposeRemovedValues = true });
        map[1] = new MemoryStream();
        Assert.True(map.ContainsKey(1)); // registers this thread as a reader of the domain
        domain.Dispose();
        Assert.Throws<ObjectDisposedException>(() => map.TryRemove(1, out _));
        Assert.True(map.ContainsKey(1)); // refused before anything changed (D8): the pair and its value stay
        // A thread that never read before the disposal cannot enter a section of the disposed domain. The key type here
        // (int) reads optimistically, needing no section: such a read answers correctly, or throws if it falls back.
        var fresh = Workers.Start(() =>
        {
            try
            {
                Assert.True(map.ContainsKey(1));
            }
            catch (ObjectDisposedException)
            {
            }
        });
        fresh.Join();
    }

    private sealed class DelegateComparer(Func<int, int, bool> equals, Func<int, int> hash) : IEqualityComparer<int>
    {
        public bool Equals(int x, int y) => equals(x, y);
        public int GetHashCode(int obj) => hash(obj);
    }
}
