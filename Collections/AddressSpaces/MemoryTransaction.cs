namespace RcuCollections.AddressSpaces;

/// <summary>
/// A transaction scope returned by <see cref="MemoryMap.BeginTransaction"/>: it holds the writer lock on the thread
/// that began it; disposing the outermost scope renders and publishes. A second dispose does nothing.
/// </summary>
internal sealed class MemoryTransaction(MemoryMap map) : IDisposable
{
    private int _disposed;

    public void Dispose()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        if (!Monitor.IsEntered(map.Gate))
        {
            throw new InvalidOperationException("A memory transaction must be disposed on the thread that began it.");
        }

        _disposed = 1;
        map.ExitWriter();
    }
}
