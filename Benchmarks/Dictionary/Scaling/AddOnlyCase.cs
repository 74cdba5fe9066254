using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>
/// Group "dictionary-addonly": distinct keys into an empty map (growth included). Every operation is a write, so the
/// harness's write fraction does not apply: the case runs once per thread count, under the "0% writes" label.
/// </summary>
/// <typeparam name="TMap">The competitor.</typeparam>
internal abstract class AddOnlyCase<TMap> : IScalingCase
    where TMap : struct, IBenchMap<TMap>
{
    /// <inheritdoc />
    public string Name => "dictionary-addonly/" + TMap.Variant;

    /// <inheritdoc />
    public bool SupportsWrites => false;

    /// <inheritdoc />
    public IScalingWorkload CreateWorkload(ScalingParameters parameters) => new AddOnlyWorkload<TMap>(parameters.Threads);
}
