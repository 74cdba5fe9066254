namespace RcuCollections.AddressSpaces;

/// <summary>
/// Walks of the region graph: the downward closure of a region follows subregions and alias targets, which is
/// exactly what rendering visits. Iterative, so a deep tree cannot overflow the stack.
/// </summary>
internal static class RegionGraph
{
    /// <summary>The first map found in the closure of <paramref name="start"/> (not descending below a mapped region).</summary>
    public static MemoryMap? FindMapInClosure(MemoryRegion start)
    {
        MemoryMap? found = null;
        Walk(start, region =>
        {
            if (region.MapUnsafe is { } map)
            {
                found ??= map;
                return false;
            }

            return found is null;
        });
        return found;
    }

    /// <summary>
    /// Checks that mapping <paramref name="child"/> into <paramref name="parent"/> creates no cycle (through containment
    /// or alias targets) and pulls in no region of a map other than <paramref name="lockedMap"/>.
    /// </summary>
    public static void ValidateLink(MemoryRegion parent, MemoryRegion child, MemoryMap? lockedMap)
    {
        // A region that belongs to a map has its whole closure in that map (membership is closed downwards), so a
        // parent that belongs to no map cannot be found below a member and the walk may stop there.
        bool parentIsMember = parent.MapUnsafe is not null;
        Walk(child, region =>
        {
            if (ReferenceEquals(region, parent))
            {
                throw new InvalidOperationException(
                    $"Adding '{child.Name}' to '{parent.Name}' would create a cycle: '{parent.Name}' is reachable from '{child.Name}' through subregions or alias targets.");
            }

            MemoryMap? map = region.MapUnsafe;
            if (map is not null && !ReferenceEquals(map, lockedMap))
            {
                throw new InvalidOperationException($"Region '{region.Name}' belongs to another memory map; a region can be in only one map.");
            }

            return map is null || parentIsMember;
        });
    }

    /// <summary>Visits the closure of <paramref name="start"/> once per region; <paramref name="visit"/> returns whether to descend.</summary>
    public static void Walk(MemoryRegion start, Func<MemoryRegion, bool> visit)
    {
        // Fast path: a fresh leaf has no closure beyond itself (the common AddSubregion of a device region).
        if (start._subregions.Count == 0 && start.AliasTarget is null)
        {
            visit(start);
            return;
        }

        HashSet<MemoryRegion> visited = [start];
        Stack<MemoryRegion> pending = new();
        pending.Push(start);
        while (pending.TryPop(out MemoryRegion? region))
        {
            if (!visit(region))
            {
                continue;
            }

            if (region.AliasTarget is { } target && visited.Add(target))
            {
                pending.Push(target);
            }

            foreach (MemoryRegion sub in region._subregions)
            {
                if (visited.Add(sub))
                {
                    pending.Push(sub);
                }
            }
        }
    }
}
