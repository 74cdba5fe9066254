using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>
/// Whether hot-key read speed depends on luck: every RcuDictionary instance draws its own hash multiplier, and ordinary
/// key patterns (sequential, strided by 7, 8 or 1024, random) may suit one draw and not another. Builds fresh instances
/// per pattern and measures, on one thread, lookups of the pattern's keys against a ConcurrentDictionary holding the same
/// keys (same run, interleaved, best of three), and reports the ratio of every instance with its probe statistics.
/// </summary>
internal static class InstanceSpreadProbe
{
    /// <summary>One instance's ratio (ConcurrentDictionary's ns per lookup over RcuDictionary's: above 1 is faster) and its shape.</summary>
    /// <param name="Ratio">The best-of-three same-run ratio.</param>
    /// <param name="Note">Pattern, instance number, mean and longest probe.</param>
    public readonly record struct InstanceResult(double Ratio, string Note);

    private static readonly int[] RandomKeys = DistinctRandom(1 << 16, seed: 7);

    /// <summary>The key patterns, as functions of the index 0..n−1.</summary>
    private static readonly (string Name, Func<int, int> Key)[] s_patterns =
    [
        ("i", i => i),
        ("7i", i => 7 * i),
        ("8i", i => 8 * i),
        ("1024i", i => 1024 * i),
        ("random", i => RandomKeys[i]),
    ];

    /// <summary>Measures <paramref name="instancesPerPattern"/> fresh instances per pattern; results sorted by ratio.</summary>
    public static IReadOnlyList<InstanceResult> Run(int keys, int instancesPerPattern, TimeSpan perMeasurement, CancellationToken cancellationToken)
    {
        var results = new List<InstanceResult>();
        foreach ((string name, Func<int, int> keyOf) in s_patterns)
        {
            int[] keySet = Enumerable.Range(0, keys).Select(keyOf).ToArray();
            int[] lookups = LookupOrder(keySet, 4096, seed: 11);
            var cd = new ConcurrentDictionary<int, int>();
            foreach (int k in keySet) cd[k] = k;
            for (int instance = 0; instance < instancesPerPattern; instance++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rcu = new RcuDictionary<int, int>();
                foreach (int k in keySet) rcu[k] = k;
                double best = 0;
                for (int round = 0; round < 3; round++)
                {
                    double rcuNs = NanosecondsPerLookup(new RcuBenchMap(rcu), lookups, perMeasurement);
                    double cdNs = NanosecondsPerLookup(new ConcurrentBenchMap(cd), lookups, perMeasurement);
                    best = Math.Max(best, cdNs / rcuNs);
                }
                RcuDictionaryDiagnostics shape = rcu.GetDiagnostics();
                results.Add(new InstanceResult(best, string.Create(CultureInfo.InvariantCulture,
                    $"{name} #{instance}: mean probe {shape.MeanProbe:F3}, longest {shape.LongestProbe}")));
            }
        }
        results.Sort((a, b) => a.Ratio.CompareTo(b.Ratio));
        return results;
    }

    /// <summary>Lookups per nanosecond of one map (generic over the benchmark map wrappers, so both maps run the same loop).</summary>
    private static double NanosecondsPerLookup<TMap>(TMap map, int[] lookups, TimeSpan window) where TMap : struct, IBenchMap<TMap>
    {
        long end = Stopwatch.GetTimestamp() + (long)(window.TotalSeconds * Stopwatch.Frequency), count = 0;
        int sink = 0;
        long start = Stopwatch.GetTimestamp();
        do
        {
            foreach (int key in lookups)
            {
                map.TryGet(key, out int value);
                sink += value;
            }
            count += lookups.Length;
        }
        while (Stopwatch.GetTimestamp() < end);
        GC.KeepAlive(sink);
        return (Stopwatch.GetTimestamp() - start) * 1e9 / Stopwatch.Frequency / count;
    }

    private static int[] LookupOrder(int[] keySet, int length, int seed)
    {
        var random = new Random(seed);
        var order = new int[length];
        for (int i = 0; i < length; i++) order[i] = keySet[random.Next(keySet.Length)];
        return order;
    }

    private static int[] DistinctRandom(int count, int seed)
    {
        var random = new Random(seed);
        var seen = new HashSet<int>();
        var keys = new int[count];
        for (int i = 0; i < count;)
        {
            int k = random.Next();
            if (seen.Add(k)) keys[i++] = k;
        }
        return keys;
    }
}
