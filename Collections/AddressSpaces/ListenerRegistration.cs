namespace RcuCollections.AddressSpaces;

/// <summary>
/// One registered listener: in the map's global list (for <c>Begin</c>/<c>Commit</c>) and in its address space's list
/// (for region events), both ordered by ascending priority with ties after existing equals, as in QEMU.
/// Disposing it unregisters the listener.
/// </summary>
internal sealed class ListenerRegistration(IMemoryListener listener, int priority, AddressSpace addressSpace) : IDisposable
{
    public IMemoryListener Listener { get; } = listener;

    public int Priority { get; } = priority;

    public AddressSpace AddressSpace { get; } = addressSpace;

    public bool IsRegistered { get; set; } = true;

    public void Dispose() => AddressSpace.Map.UnregisterListener(this);

    /// <summary>Inserts in ascending priority, after every existing registration with an equal priority.</summary>
    public static void InsertOrdered(List<ListenerRegistration> list, ListenerRegistration registration)
    {
        int index = list.Count;
        while (index > 0 && list[index - 1].Priority > registration.Priority)
        {
            index--;
        }

        list.Insert(index, registration);
    }
}
