using System.Diagnostics;

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
        Assert.InRange(map.GetDiagnostics().LongestChain, 1, 16);
        foreach (int key in PowerOfTwoStrided(20_000)) Assert.True(map.ContainsKey(key));
    }

    [Fact]
    public void StringsCollidingUnderAFixedHash_StayInShortChains_WithTheDefaultComparer()
    {
        string[] keys = JavaHashCollisions(14).ToArray(); // 16,384 keys
        Assert.Single(keys.Select(JavaHash).Distinct());   // they really do collide under a fixed hash
        var map = new RcuDictionary<string, int>();
        foreach (string key in keys) Assert.True(map.TryAdd(key, 0));
        Assert.InRange(map.GetDiagnostics().LongestChain, 1, 16);
        Assert.Equal(keys.Length, map.Count);
    }

    [Fact]
    public void HostileKeys_TotalTimeGrowsNearLinearly_NotQuadratically()
    {
        // 8x the keys: linear work is ~8x, quadratic ~64x. The bound (24x, best of three) tolerates a noisy shared machine.
        double small = BestOfThree(() => Fill(PowerOfTwoStrided(4_000)));
        double large = BestOfThree(() => Fill(PowerOfTwoStrided(32_000)));
        Assert.True(large < 24 * Math.Max(small, 0.05), $"4k keys: {small:F2} ms, 32k keys: {large:F2} ms");

        static void Fill(IEnumerable<int> keys)
        {
            var map = new RcuDictionary<int, int>();
            foreach (int key in keys) { map.TryAdd(key, key); map.ContainsKey(key); }
        }
    }

    private static double BestOfThree(Action action)
    {
        action(); // warm up (JIT)
        double best = double.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return best;
    }

    private static int JavaHash(string s)
    {
        int h = 0;
        foreach (char c in s) h = unchecked(31 * h + c);
        return h;
    }
}
