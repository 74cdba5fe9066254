namespace RcuCollections.Tests.List;

/// <summary>Runs the <see cref="IList{T}"/> contract against a plain (garbage-collected) <see cref="RcuList{T}"/>.</summary>
public sealed class RcuListContractTests : ListContractTests
{
    protected override IList<string?> Create(IEnumerable<string?> items) => new RcuList<string?>(items);

    protected override bool EnumeratorIsSnapshot => true;
}
