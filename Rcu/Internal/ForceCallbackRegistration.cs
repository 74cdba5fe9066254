namespace RcuCollections.Internal;

/// <summary>Removes a force callback from its thread's record when disposed (idempotent).</summary>
internal sealed class ForceCallbackRegistration(ReaderRecord record, Action callback) : IDisposable
{
    private int _disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        lock (record)
        {
            Action[] current = record.ForceCallbacks;
            int i = Array.IndexOf(current, callback);
            if (i < 0) return;
            var next = new Action[current.Length - 1];
            Array.Copy(current, 0, next, 0, i);
            Array.Copy(current, i + 1, next, i, current.Length - i - 1);
            // Readers of the array (the GP side) take a snapshot reference; publishing a new array is enough.
            Volatile.Write(ref record.ForceCallbacks, next);
        }
    }
}
