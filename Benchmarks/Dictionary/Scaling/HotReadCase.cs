using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>
/// Group "dictionary-hot1k": lookups over 1K keys that stay in cache, with the harness's write fraction as indexer
/// sets (<c>--writes 0,0.1,0.5</c> gives reads only, 90/10 and 50/50).
/// </summary>
/// <typeparam name="TMap">The competitor.</typeparam>
internal abstract class HotReadCase<TMap> : IScalingCase
    where TMap : struct, IBenchMap<TMap>
{
    /// <summary>The key space.</summary>
    public const int Keys = 1 << 10;

    /// <inheritdoc />
    public string Name => "dictionary-hot1k/" + TMap.Variant;

    /// <inheritdoc />
    public IScalingWorkload CreateWorkload(ScalingParameters parameters) => ReadMixWorkload<TMap>.Filled(Keys, parameters.WriteFraction);
}
