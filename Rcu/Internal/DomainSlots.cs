namespace RcuCollections.Internal;

/// <summary>
/// Hands out small integer slots to instance domains so that a thread finds its record by indexing a
/// thread-static array. Slot 0 is the default domain's. Slots are reused after a domain is disposed;
/// readers therefore check <see cref="ReaderRecord.Domain"/> on lookup.
/// </summary>
internal static class DomainSlots
{
    private static readonly object s_lock = new();
    private static readonly Stack<int> s_free = new();
    private static int s_next = 1;

    public static int Rent()
    {
        lock (s_lock)
            return s_free.Count > 0 ? s_free.Pop() : s_next++;
    }

    public static void Return(int slot)
    {
        if (slot == 0) return;
        lock (s_lock) s_free.Push(slot);
    }
}
