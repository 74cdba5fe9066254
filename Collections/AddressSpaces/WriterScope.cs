namespace RcuCollections.AddressSpaces;

/// <summary>
/// Holds the writer lock of the map that the regions touched by one mutation belong to, as one (possibly nested)
/// transaction; disposing it leaves the transaction, which renders and publishes when it was the outermost.
/// For regions that belong to no map it holds nothing: such regions are not shared yet.
/// </summary>
internal readonly ref struct WriterScope
{
    private readonly MemoryMap? _map;

    private WriterScope(MemoryMap map) => _map = map;

    /// <summary>The locked map, or null when every touched region is detached.</summary>
    public MemoryMap? Map => _map;

    public static WriterScope Enter(MemoryRegion region) => EnterForLink(region, null, searchClosure: false);

    /// <summary>
    /// Locks the map of <paramref name="first"/> or <paramref name="second"/>; with <paramref name="searchClosure"/>, also a
    /// map found below <paramref name="second"/> (a detached container whose alias points into a map).
    /// </summary>
    public static WriterScope EnterForLink(MemoryRegion first, MemoryRegion? second, bool searchClosure = false)
    {
        while (true)
        {
            MemoryMap? candidate = Resolve(first, second, searchClosure);
            if (candidate is null)
            {
                return default;
            }

            candidate.EnterWriter();
            MemoryMap? confirmed;
            try
            {
                // The unlocked read above may race with a commit that detached a region; only a decision re-made
                // under the lock counts.
                confirmed = Resolve(first, second, searchClosure);
            }
            catch
            {
                candidate.ExitWriter();
                throw;
            }

            if (ReferenceEquals(confirmed, candidate))
            {
                return new WriterScope(candidate);
            }

            candidate.ExitWriter();
        }
    }

    public void MarkUpdatePending(bool condition)
    {
        if (condition)
        {
            _map?.MarkUpdatePending();
        }
    }

    public void MarkMembershipChanged() => _map?.MarkMembershipChanged();

    public void Dispose() => _map?.ExitWriter();

    private static MemoryMap? Resolve(MemoryRegion first, MemoryRegion? second, bool searchClosure)
    {
        MemoryMap? a = first.MapUnsafe;
        MemoryMap? b = second?.MapUnsafe;
        if (a is not null && b is not null && !ReferenceEquals(a, b))
        {
            throw new InvalidOperationException(
                $"Regions '{first.Name}' and '{second!.Name}' belong to different memory maps; a region can be in only one map.");
        }

        if (a is not null || b is not null)
        {
            return a ?? b;
        }

        return searchClosure && second is not null ? RegionGraph.FindMapInClosure(second) : null;
    }
}
