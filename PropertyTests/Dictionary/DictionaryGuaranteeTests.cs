using RcuCollections.Tests.Support;
namespace RcuCollections.Tests.Dictionary;

/// <summary>One test per documented guarantee (A–G in RcuDictionary's remarks and docs/dictionary.md).</summary>
public sealed class DictionaryGuaranteeTests
{
    private static readonly TimeSpan Budget = StressTier.Duration(0.3, 20);

    [Fact]
    public void Guarantee_A_ReadOrderedAfterWrite_SeesThatWriteOrALaterOne()
    {
        var map = new RcuDictionary<int, int>();
        using var written = new SemaphoreSlim(0);
        int lastWritten = -1;
        Worker writer = Workers.Start(() =>
        {
            for (int i = 0; i < 2000; i++)
            {
                map[i % 64] = i;
                Volatile.Write(ref lastWritten, i);
                if (i % 100 == 99) written.Release();
            }
        });
        for (int round = 0; round < 20; round++)
        {
            Assert.True(written.Wait(TimeSpan.FromSeconds(30)));
            int ordered = Volatile.Read(ref lastWritten); // this write returned before the read below began
            Assert.True(map.TryGetValue(ordered % 64, out int seen));
            Assert.True(seen >= ordered, $"read {seen} after write {ordered} returned");
        }
        writer.Join();
    }

    [Fact]
    public void Guarantee_B_ReadOrderedBeforeWrite_NeverSeesIt()
    {
        var map = new RcuDictionary<int, int>();
        for (int i = 0; i < 500; i++)
        {
            bool sawBeforeWrite = map.TryGetValue(i, out _);
            int key = i;
            Workers.Start(() => map.TryAdd(key, key)).Join(); // starts only after the read returned
            Assert.False(sawBeforeWrite);
            Assert.True(map.ContainsKey(i));
        }
    }

    [Fact]
    public void Guarantee_C_ConcurrentRead_SeesOldOrNewPair_NeverTorn_AndAlwaysFindsAReplacedKey()
    {
        // A 32-byte value is not written atomically, so replaces go through fresh slots (the RCU path).
        var map = new RcuDictionary<int, Wide>();
        for (int k = 0; k < 32; k++) map[k] = new Wide(0);
        using var stop = new CancellationTokenSource(Budget);
        long reads = 0;
        Worker[] readers = Enumerable.Range(0, 2).Select(_ => Workers.Start(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                for (int k = 0; k < 32; k++)
                {
                    Assert.True(map.TryGetValue(k, out Wide w), "a key being replaced must always be found");
                    Assert.True(w.IsConsistent, $"torn value {w}");
                    Interlocked.Increment(ref reads);
                }
            }
        })).ToArray();
        long version = 0;
        while (!stop.IsCancellationRequested)
        {
            version++;
            for (int k = 0; k < 32; k++) map[k] = new Wide(version);
        }
        Workers.JoinAll(readers);
        Assert.True(version > 10 && Interlocked.Read(ref reads) > 100);
    }

    [Fact]
    public void Guarantee_D_WritesToOneKey_AreLinearizable_NoLostUpdate()
    {
        var map = new RcuDictionary<string, long>();
        const int Threads = 4, PerThread = 20_000;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, _ =>
        {
            for (int i = 0; i < PerThread; i++) map.AddOrUpdate("hot", 1, (_, old) => old + 1);
        });
        Assert.Equal(Threads * PerThread, map["hot"]);

        int winners = 0;
        Parallel.For(0, 8, _ => { if (map.TryAdd("once", 1)) Interlocked.Increment(ref winners); });
        Assert.Equal(1, winners);
    }

    [Fact]
    public void Guarantee_E_AfterAGracePeriod_ARemovedPairIsUnreachable_AndItsSlotReleasesIt()
    {
        using var domain = new RcuDomain();
        var map = new RcuDictionary<int, object>(new RcuDictionaryOptions { Domain = domain, SegmentCount = 2 });
        WeakReference removed = AddAndRemove(map);
        // Later churn recycles the removed slot once a grace period has passed; recycling clears it.
        for (int round = 0; round < 50 && removed.IsAlive; round++)
        {
            for (int i = 1; i <= 64; i++) map[i] = new object();
            for (int i = 1; i <= 64; i++) map.TryRemove(i, out _);
            domain.Synchronize();
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(removed.IsAlive, "a removed value stayed reachable from a recycled slot");
        Assert.False(map.ContainsKey(0));

        static WeakReference AddAndRemove(RcuDictionary<int, object> map)
        {
            var value = new object();
            map[0] = value;
            Assert.True(map.TryRemove(0, out _));
            return new WeakReference(value);
        }
    }

    [Fact]
    public void Guarantee_F_Uniqueness_ConcurrentAddersOfOneKeySet_AddEachKeyOnce()
    {
        var map = new RcuDictionary<int, int>();
        const int Keys = 20_000;
        int added = 0;
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
        {
            int mine = 0;
            for (int k = 0; k < Keys; k++) if (map.TryAdd((k * 7919 + t) % Keys, t)) mine++;
            Interlocked.Add(ref added, mine);
        });
        Assert.Equal(Keys, added);
        Assert.Equal(Keys, map.Count);
        Assert.Equal(Keys, map.Select(p => p.Key).Distinct().Count());
    }

    [Fact]
    public void Guarantee_G_Enumeration_YieldsStableKeysExactlyOnce_AndNoKeyTwice_UnderChurnAndResize()
    {
        var map = new RcuDictionary<int, int>(new RcuDictionaryOptions { SegmentCount = 4 });
        const int Stable = 2000;
        for (int k = 0; k < Stable; k++) map[k] = k;
        using var stop = new CancellationTokenSource(Budget);
        Worker churn = Workers.Start(() =>
        {
            var random = new Random(7);
            while (!stop.IsCancellationRequested)
            {
                // Waves of adds and removes make segments grow and shrink while enumerations run.
                for (int k = 0; k < 5000; k++) map[Stable + k] = k;
                for (int k = 0; k < 5000; k++) map.TryRemove(Stable + k, out _);
                map[random.Next(Stable)] = -1; // replaces of stable keys
            }
        });
        int enumerations = 0;
        while (!stop.IsCancellationRequested || enumerations < 3)
        {
            var seen = new HashSet<int>();
            foreach (KeyValuePair<int, int> pair in map)
            {
                Assert.True(seen.Add(pair.Key), $"key {pair.Key} yielded twice");
            }
            for (int k = 0; k < Stable; k++) Assert.Contains(k, seen);
            enumerations++;
        }
        churn.Join();
        Assert.Equal(Stable, map.Count);
    }

    /// <summary>Four equal longs; a torn read shows different ones.</summary>
    private readonly record struct Wide(long A, long B, long C, long D)
    {
        public Wide(long v) : this(v, v, v, v) { }
        public bool IsConsistent => A == B && B == C && C == D;
    }
}
