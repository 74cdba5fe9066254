using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>
/// Group "dictionary-random1m": lookups of uniformly random keys among 1,000,000 (cache misses dominate), with the
/// harness's write fraction as indexer sets. Each run builds its map before the threads start (not timed).
/// ImmutableDictionary is left out of this group: building it with a million compare-and-swap inserts takes
/// seconds per run, and its hot-key figures already show its lookup cost.
/// </summary>
/// <typeparam name="TMap">The competitor.</typeparam>
internal abstract class RandomReadCase<TMap> : IScalingCase
    where TMap : struct, IBenchMap<TMap>
{
    /// <summary>The key space.</summary>
    public const int Keys = 1_000_000;

    /// <inheritdoc />
    public string Name => "dictionary-random1m/" + TMap.Variant;

    /// <inheritdoc />
    public IScalingWorkload CreateWorkload(ScalingParameters parameters) => ReadMixWorkload<TMap>.Filled(Keys, parameters.WriteFraction);
}
