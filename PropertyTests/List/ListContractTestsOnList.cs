namespace RcuCollections.Tests.List;

/// <summary>Runs the contract against <see cref="List{T}"/>: the reference that proves the contract tests.</summary>
public sealed class ListContractTestsOnList : ListContractTests
{
    protected override IList<string?> Create(IEnumerable<string?> items) => new List<string?>(items);

    protected override bool EnumeratorIsSnapshot => false;
}
