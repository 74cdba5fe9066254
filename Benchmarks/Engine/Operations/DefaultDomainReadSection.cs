using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine.Operations;

/// <summary>
/// An empty outermost read section on <see cref="RcuDomain.Default"/>, reached through the static property as user
/// code does (the JIT can then specialise on the default domain's fast path).
/// </summary>
public struct DefaultDomainReadSection : IBatchOperation
{
    /// <inheritdoc />
    public readonly void Run(int count)
    {
        for (int i = 0; i < count; i++)
        {
            using RcuReadGuard guard = RcuDomain.Default.ReadLock();
        }
    }
}
