using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine.Operations;

/// <summary>An empty outermost read section (<c>ReadLock</c> + <c>Dispose</c>) on a given domain, for <see cref="OperationTimer"/>.</summary>
/// <param name="domain">The domain (<see cref="RcuDomain.Default"/> or an instance).</param>
public struct DomainReadSection(RcuDomain domain) : IBatchOperation
{
    /// <inheritdoc />
    public readonly void Run(int count)
    {
        RcuDomain d = domain;
        for (int i = 0; i < count; i++)
        {
            using RcuReadGuard guard = d.ReadLock();
        }
    }
}
