using System.Diagnostics;

namespace RcuCollections.AddressSpaces;

// Invariants of the writer-side state, checked at the end of every writer's lock block in Debug builds
// (AssertInvariants, in the style of System.Threading.Channels) and on demand by tests (CheckInvariants, any build).
public sealed partial class MemoryMap
{
    /// <summary>Asserts the invariants. Caller holds the writer lock; compiled only into Debug builds.</summary>
    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        string? violation = FindViolation();
        Debug.Assert(violation is null, violation);
    }

    /// <summary>Checks the invariants under the writer lock (tests, any build).</summary>
    /// <exception cref="InvalidOperationException">An invariant does not hold; the message names it.</exception>
    internal void CheckInvariants()
    {
        string? violation;
        lock (_gate) violation = FindViolation();
        if (violation is not null) throw new InvalidOperationException(violation);
    }

    /// <summary>The first invariant that does not hold, or null. Caller holds the writer lock.</summary>
    private string? FindViolation()
    {
        Debug.Assert(Monitor.IsEntered(_gate));
        if (_transactionDepth < 0) return $"transaction depth {_transactionDepth} is negative";
        if (!IsOrderedByPriority(_listeners)) return "the map's listeners are not in ascending priority order";
        foreach (ListenerRegistration registration in _listeners)
        {
            if (!registration.IsRegistered) return $"a detached registration of '{registration.AddressSpace.Name}' is still in the map's list";
            if (!_addressSpaces.Contains(registration.AddressSpace)) return $"a listener is registered on '{registration.AddressSpace.Name}', which the map no longer holds";
            if (!registration.AddressSpace.Listeners.Contains(registration)) return $"a listener of '{registration.AddressSpace.Name}' is missing from its address space's list";
        }

        int spaceListeners = 0;
        foreach (AddressSpace space in _addressSpaces)
        {
            if (!IsOrderedByPriority(space.Listeners)) return $"the listeners of '{space.Name}' are not in ascending priority order";
            spaceListeners += space.Listeners.Count;
        }

        if (spaceListeners != _listeners.Count) return $"{_listeners.Count} listeners in the map's list, {spaceListeners} in the address spaces' lists";

        // Members: the closure of the live address spaces' roots. Inside a transaction (or with a membership change not
        // yet committed) regions that left stay members until the outermost commit, so there only a superset is required.
        HashSet<MemoryRegion> reachable = [];
        foreach (AddressSpace space in _addressSpaces)
        {
            if (!space.IsDisposed) RegionGraph.Walk(space.Root, region => reachable.Add(region));
        }

        foreach (MemoryRegion region in reachable)
        {
            if (!_members.Contains(region)) return $"region '{region.Name}' is reachable from a live address space but not a member";
        }

        foreach (MemoryRegion region in _members)
        {
            if (!ReferenceEquals(region.MapUnsafe, this)) return $"member '{region.Name}' does not point back to this map";
        }

        bool settled = _transactionDepth == 0 && !_membershipChanged;
        if (settled && _members.Count != reachable.Count) return $"{_members.Count} members but {reachable.Count} regions reachable from live address spaces";
        if (_disposed && (_addressSpaces.Count != 0 || _members.Count != 0 || _listeners.Count != 0)) return "a disposed map still holds address spaces, members or listeners";
        return null;
    }

    private static bool IsOrderedByPriority(List<ListenerRegistration> list)
    {
        for (int i = 1; i < list.Count; i++)
        {
            if (list[i - 1].Priority > list[i].Priority) return false;
        }

        return true;
    }
}
