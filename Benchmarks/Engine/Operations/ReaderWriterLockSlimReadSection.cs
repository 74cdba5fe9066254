using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine.Operations;

/// <summary>The baseline read section: <see cref="ReaderWriterLockSlim.EnterReadLock"/> + <see cref="ReaderWriterLockSlim.ExitReadLock"/>, uncontended.</summary>
/// <param name="rwLock">The lock.</param>
public struct ReaderWriterLockSlimReadSection(ReaderWriterLockSlim rwLock) : IBatchOperation
{
    /// <inheritdoc />
    public readonly void Run(int count)
    {
        ReaderWriterLockSlim l = rwLock;
        for (int i = 0; i < count; i++)
        {
            l.EnterReadLock();
            l.ExitReadLock();
        }
    }
}
