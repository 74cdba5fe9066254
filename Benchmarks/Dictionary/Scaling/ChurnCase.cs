using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>
/// Group "dictionary-churn1k": remove and re-add of random keys over 1K keys, one call per operation; the bytes per
/// operation column is the steady-state allocation. The harness's write fraction does not apply: the case runs once
/// per thread count, under the "0% writes" label.
/// </summary>
/// <typeparam name="TMap">The competitor.</typeparam>
internal abstract class ChurnCase<TMap> : IScalingCase
    where TMap : struct, IBenchMap<TMap>
{
    /// <summary>The key space.</summary>
    public const int Keys = 1 << 10;

    /// <inheritdoc />
    public string Name => "dictionary-churn1k/" + TMap.Variant;

    /// <inheritdoc />
    public bool SupportsWrites => false;

    /// <inheritdoc />
    public IScalingWorkload CreateWorkload(ScalingParameters parameters) => new ChurnWorkload<TMap>(Keys);
}
