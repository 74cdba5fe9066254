using Xunit.Abstractions;

namespace RcuCollections.Tests.Dictionary;

/// <summary>
/// The per-instance multiplier of the multiply-shift hashing (<see cref="RcuDictionaryHashing"/>): drawn with small partial
/// quotients so arithmetic progressions of keys spread evenly, still random per instance (so hostile keys cannot be aimed,
/// and one dictionary's hash-ordered enumeration does not cluster in another's table).
/// </summary>
public sealed class DictionaryHashingTests(ITestOutputHelper output)
{
    [Fact]
    public void DrawnMultipliers_HavePartialQuotientsOfAtMostTwo_AndDiffer()
    {
        var drawn = new HashSet<ulong>();
        for (int i = 0; i < 20_000; i++)
        {
            ulong m = RcuDictionaryHashing.DrawMultiplier();
            Assert.True((m & 1) == 1 && m >= 1UL << 63, $"{m:X} is not an odd multiplier in [2^63, 2^64)");
            Assert.True(RcuDictionaryHashing.SpreadsProgressionsEvenly(m, RcuDictionaryHashing.MaxPartialQuotient, RcuDictionaryHashing.SpreadDenominator),
                $"{m:X} has a partial quotient above {RcuDictionaryHashing.MaxPartialQuotient}");
            drawn.Add(m);
        }
        Assert.Equal(20_000, drawn.Count);
    }

    [Fact]
    public void TheQuotientCheck_RejectsUniformlyRandomMultipliers()
    {
        // Teeth of the check above: almost no uniformly drawn multiplier has only quotients 1 and 2 up to 2^24.
        int passed = 0;
        var random = new Random(5);
        for (int i = 0; i < 1000; i++)
        {
            ulong m = (ulong)random.NextInt64() | 1UL | (1UL << 63);
            if (RcuDictionaryHashing.SpreadsProgressionsEvenly(m, RcuDictionaryHashing.MaxPartialQuotient, RcuDictionaryHashing.SpreadDenominator)) passed++;
        }
        Assert.True(passed < 10, $"{passed} of 1000 uniform multipliers passed");
        output.WriteLine($"{passed} of 1000 uniform multipliers passed");
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(65_536)]
    public void SequentialKeys_SpreadEvenly_InEveryInstance(int keys)
    {
        // The next test shows what a uniformly random multiplier does to the same keys.
        double worst = 0;
        for (int instance = 0; instance < 10; instance++)
        {
            var map = new RcuDictionary<int, int>();
            for (int k = 0; k < keys; k++) map[k] = k;
            RcuDictionaryDiagnostics shape = map.GetDiagnostics();
            worst = Math.Max(worst, shape.MeanProbe);
        }
        output.WriteLine($"worst mean probe over 10 instances of {keys} sequential keys: {worst:F4}");
        Assert.True(worst <= 1.1, $"mean probe {worst:F3} for sequential keys");
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(65_536)]
    public void UniformlyRandomMultipliers_ClusterSequentialKeys(int keys)
    {
        // Why the multiplier is drawn with small partial quotients: some uniformly random ones (the former choice) pile
        // sequential keys up in linear-probing clusters. Seeded, so the figures in the output are reproducible.
        var random = new Random(11);
        var means = new List<double>();
        for (int instance = 0; instance < 20; instance++)
        {
            ulong multiplier = (ulong)random.NextInt64() | 1UL | (1UL << 63);
            var map = new RcuDictionary<int, int>(new RcuDictionaryOptions(), comparer: null, multiplier);
            for (int k = 0; k < keys; k++) map[k] = k;
            means.Add(map.GetDiagnostics().MeanProbe);
        }
        output.WriteLine($"uniform multipliers, {keys} sequential keys: mean probe {means.Min():F3}..{means.Max():F3} over 20 instances");
        Assert.True(means.Max() > 1.1, $"no uniformly random multiplier clustered: worst mean probe {means.Max():F3}");
    }
}
