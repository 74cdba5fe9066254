namespace RcuCollections.Tests.List;

/// <summary>
/// Runs the <see cref="IList{T}"/> contract against a pooled <see cref="RcuList{T}"/> whose pool keeps a single
/// array per length, so that recycled arrays are reused (and must be fully overwritten) as often as possible.
/// </summary>
public sealed class PooledRcuListContractTests : ListContractTests
{
    protected override IList<string?> Create(IEnumerable<string?> items) =>
        new RcuList<string?>(items, new RcuListOptions { PoolArrays = true, MaxPooledArraysPerLength = 1, PooledElementsPerLength = 0, MaxPooledLengths = 2 });

    protected override bool EnumeratorIsSnapshot => true;
}
