using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine.Operations;

/// <summary>
/// An empty outermost read section entered through the thread's <see cref="RcuThreadReader"/> (looked up once per
/// batch, as a loop that owns its thread does), for <see cref="OperationTimer"/>.
/// </summary>
/// <param name="domain">The domain.</param>
public struct ThreadReaderSection(RcuDomain domain) : IBatchOperation
{
    /// <inheritdoc />
    public readonly void Run(int count)
    {
        RcuThreadReader reader = domain.GetThreadReader();
        for (int i = 0; i < count; i++)
        {
            using RcuReadGuard guard = reader.ReadLock();
        }
    }
}
