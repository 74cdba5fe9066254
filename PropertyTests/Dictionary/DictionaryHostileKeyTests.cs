using System.Diagnostics;
using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.Dictionary;

/// <summary>HashDoS: keys that collide under predictable hashing must not make the map quadratic.</summary>
public sealed class DictionaryHostileKeyTests
{
    /// <summary>Integers whose low 16 bits are equal: one bucket for any "hash mod power of two" table.</summary>
    private static IEnumerable<int> PowerOfTwoStrided(int count) => Enumerable.Range(1, count).Select(i => i << 16 | 5);

    /// <summary>
    /// 2^bits distinct strings with one and the same Java-style (31·h + c) hash: concatenations of "Aa" and "BB".
    /// Any map using a fixed, non-randomised string hash would put them all in one chain.
    /// </summary>
    private static IEnumerable<string> JavaHashCollisions(int bits) =>
        Enumerable.Range(0, 1 << bits).Select(n =>
            string.Concat(Enumerable.Range(0, bits).Select(b => ((n >> b) & 1) == 0 ? "Aa" : "BB")));

    [Fact]
    public void StridedIntegerKeys_StayInShortChains()
    {
        var map = new RcuDictionary<int, int>();
        foreach (int key in PowerOfTwoStrided(20_000)) Assert.True(map.TryAdd(key, key));
        AssertShortProbes(map.GetDiagnostics(), map.Count);
        foreach (int key in PowerOfTwoStrided(20_000)) Assert.True(map.ContainsKey(key));
    }

    [Fact]
    public void StringsCollidingUnderAFixedHash_StayInShortChains_WithTheDefaultComparer()
    {
        string[] keys = JavaHashCollisions(14).ToArray(); // 16,384 keys
        Assert.Single(keys.Select(JavaHash).Distinct());   // they really do collide under a fixed hash
        var map = new RcuDictionary<string, int>();
        foreach (string key in keys) Assert.True(map.TryAdd(key, 0));
        AssertShortProbes(map.GetDiagnostics(), map.Count);
        Assert.Equal(keys.Length, map.Count);
    }

    [Fact]
    public void HostileKeys_KeyComparisonsGrowLinearly_NotQuadratically()
    {
        // Counted, not timed: a quadratic table compares each new key with every colliding one (n^2 / 2 ≈ 2^29 here);
        // ours must stay within a small constant per operation.
        var comparer = new CountingComparer();
        var map = new RcuDictionary<int, int>(comparer);
        int n = 0;
        foreach (int key in PowerOfTwoStrided(32_000))
        {
            map.TryAdd(key, key);
            Assert.True(map.ContainsKey(key));
            n++;
        }
        Assert.True(comparer.EqualsCalls <= 8L * n, $"{comparer.EqualsCalls} key comparisons for {n} keys (2 operations each)");
    }

    [Fact]
    public void KeysAimedAtOneSlotBySomeoneWhoKnowsTheMultiplier_MoveTheirSegmentToScrambledPlacement()
    {
        // White-box attack on multiplicative placement: a continued-fraction denominator q of the multiplier's α has
        // ||qα|| < 1/q, so the hash codes q, 2q, 3q, ... land within a sliver of the circle: one segment, a few home slots.
        // Without the defence against long probe sequences, 1,500 such keys form one cluster (mean probe in the hundreds).
        var map = new RcuDictionary<int, int>();
        int q = LargestConvergentDenominator(map.HashMultiplier, 1 << 20);
        Assert.True(q >= 1 << 16, $"denominator {q}");
        for (int j = 1; j <= 1500; j++) Assert.True(map.TryAdd(j * q, j));
        RcuDictionaryDiagnostics shape = map.GetDiagnostics();
        Assert.True(shape.ScrambledSegments >= 1, $"no segment switched placement: {shape}");
        AssertShortProbes(shape, map.Count, allSegments: false);
        for (int j = 1; j <= 1500; j++) Assert.True(map.ContainsKey(j * q));
    }

    [Fact]
    public void ASegmentSwitchingToScrambledPlacement_WhileReadersRun_NeverHidesAStableKey()
    {
        // The switch is a rebuild published inside a reuse window; optimistic readers must retry, not miss.
        var map = new RcuDictionary<int, int>(new RcuDictionaryOptions { SegmentCount = 1 });
        const int Stable = 256;
        for (int k = 0; k < Stable; k++) map[-1 - k] = k; // negative keys: never multiples of q below
        int q = LargestConvergentDenominator(map.HashMultiplier, 1 << 20);
        using var done = new CancellationTokenSource();
        long reads = 0;
        Worker[] readers = Enumerable.Range(0, 2).Select(_ => Workers.Start(() =>
        {
            while (!done.IsCancellationRequested)
            {
                for (int k = 0; k < Stable; k++)
                {
                    Assert.True(map.TryGetValue(-1 - k, out int v), $"stable key {-1 - k} vanished while the segment was rebuilt");
                    Assert.Equal(k, v);
                }
                Interlocked.Add(ref reads, Stable);
            }
        })).ToArray();
        // Readers are running before the inserts start and finish a pass after they end, however the threads are scheduled.
        Assert.True(Eventually.Holds(() => Interlocked.Read(ref reads) >= Stable, TimeSpan.FromSeconds(10)), "the readers never ran");
        for (int j = 1; j <= 1500; j++) Assert.True(map.TryAdd(j * q, j));
        long afterInserts = Interlocked.Read(ref reads);
        Assert.True(Eventually.Holds(() => Interlocked.Read(ref reads) >= afterInserts + 2 * Stable, TimeSpan.FromSeconds(10)), "the readers stopped");
        done.Cancel();
        Workers.JoinAll(readers);
        Assert.Equal(1, map.GetDiagnostics().ScrambledSegments);
    }

    /// <summary>The largest denominator at most <paramref name="bound"/> among the convergents of multiplier / 2^64.</summary>
    internal static int LargestConvergentDenominator(ulong multiplier, int bound)
    {
        UInt128 numerator = (UInt128)1 << 64, denominator = multiplier;
        ulong previousQ = 0, q = 1;
        while (denominator != 0)
        {
            UInt128 quotient = numerator / denominator;
            ulong next = (ulong)quotient * q + previousQ;
            if (next > (ulong)bound) break;
            (numerator, denominator) = (denominator, numerator - quotient * denominator);
            (previousQ, q) = (q, next);
        }
        return (int)q;
    }

    /// <summary>
    /// Probe lengths as for random hashing, far from the "all keys in one run" of a predictable hash: with linear probing
    /// at a load factor of at most 3/4, a successful lookup inspects (1 + 1/(1 - 3/4)) / 2 = 2.5 slots on average (3.0
    /// leaves room for chance); a run of colliding keys would make the mean about half the keys per segment (hundreds).
    /// </summary>
    private static void AssertShortProbes(RcuDictionaryDiagnostics shape, int keys, bool allSegments = true)
    {
        // Keys aimed at one segment all live there: the bound on the longest probe is then relative to all of them.
        double perSegment = allSegments ? (double)keys / shape.Segments : keys;
        Assert.True(shape.MeanProbe <= 3.0, $"mean probe {shape.MeanProbe:F2} slots over {keys} keys");
        Assert.True(shape.LongestProbe <= perSegment / 8, $"longest probe {shape.LongestProbe} slots, {perSegment:F0} keys per segment");
    }

    private sealed class CountingComparer : IEqualityComparer<int>
    {
        private long _equalsCalls;
        public long EqualsCalls => Interlocked.Read(ref _equalsCalls);
        public bool Equals(int x, int y)
        {
            Interlocked.Increment(ref _equalsCalls);
            return x == y;
        }
        public int GetHashCode(int obj) => obj; // the identity hash an attacker can aim at
    }

    private static int JavaHash(string s)
    {
        int h = 0;
        foreach (char c in s) h = unchecked(31 * h + c);
        return h;
    }
}
