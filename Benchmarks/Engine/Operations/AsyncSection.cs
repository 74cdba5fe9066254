using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine.Operations;

/// <summary>An empty async read section (<c>EnterAsyncSection</c> + <c>Dispose</c>), for <see cref="OperationTimer"/>.</summary>
/// <param name="domain">The domain.</param>
public struct AsyncSection(RcuDomain domain) : IBatchOperation
{
    /// <inheritdoc />
    public readonly void Run(int count)
    {
        RcuDomain d = domain;
        for (int i = 0; i < count; i++)
        {
            using RcuAsyncSection section = d.EnterAsyncSection();
        }
    }
}
