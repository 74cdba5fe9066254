namespace RcuCollections.AddressSpaces;

/// <summary>
/// Observes the flat view of one <see cref="AddressSpace"/> (QEMU's <c>MemoryListener</c>). Every member has an
/// empty default, like QEMU's optional callbacks. Callbacks run on the committing thread while the map's writer
/// lock is held; they may read (translate, format) but must not mutate the map: that throws
/// <see cref="InvalidOperationException"/>.
/// </summary>
/// <remarks>
/// Ordering, as in QEMU: <see cref="Begin"/> and <see cref="Commit"/> go to every listener of the map in ascending
/// priority; per address space, deletions run in descending priority, additions and no-ops in ascending priority;
/// all deletions of an address space come before its additions, each pass in increasing address order.
/// Applying the deletions and additions to the previous ranges yields exactly the new ranges.
/// </remarks>
public interface IMemoryListener
{
    /// <summary>A commit (or the replay at registration or unregistration) starts.</summary>
    void Begin()
    {
    }

    /// <summary>A range appears in the view (or is replayed at registration).</summary>
    /// <param name="range">The new range.</param>
    void RegionAdd(FlatRange range)
    {
    }

    /// <summary>A range leaves the view (or is replayed at unregistration); the region is still alive.</summary>
    /// <param name="range">The removed range.</param>
    void RegionDel(FlatRange range)
    {
    }

    /// <summary>A range is present, identical, in both the old and the new view.</summary>
    /// <param name="range">The unchanged range.</param>
    void RegionNop(FlatRange range)
    {
    }

    /// <summary>The commit (or replay) is complete; the new view is published.</summary>
    void Commit()
    {
    }
}
