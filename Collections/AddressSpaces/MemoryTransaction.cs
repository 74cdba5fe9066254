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
        // Only the owning thread sets the flag (after the thread check below); the volatile read makes a second
        // Dispose on another thread see it instead of throwing a misleading thread error.
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        if (!Monitor.IsEntered(map.Gate))
        {
            throw new InvalidOperationException("A memory transaction must be disposed on the thread that began it.");
        }

        Volatile.Write(ref _disposed, 1); // pairs with the Volatile.Read above
        map.ExitWriter();
    }
}
