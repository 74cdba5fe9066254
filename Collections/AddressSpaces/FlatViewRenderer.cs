using System.Diagnostics;

namespace RcuCollections.AddressSpaces;

/// <summary>
/// Renders a region tree into the sorted, disjoint, simplified ranges of a flat view, with the semantics of QEMU's
/// <c>generate_memory_topology</c> (docs/design/address-space-rendering.md §1.2) but in O(F log F) for F terminating
/// regions instead of O(R·N).
/// </summary>
/// <remarks>
/// <para>QEMU walks the tree depth-first and lets every terminating region fill the gaps that remain inside its clip,
/// so whatever is inserted first wins. The result depends only on, for each address, the first region in walk order
/// whose clip contains it. This renderer therefore (1) collects the fills in walk order with their clips, (2) cuts the
/// address line at every clip boundary into elementary segments, and (3) gives each segment to the first fill that
/// covers it, using a "next free segment" union-find so every segment is assigned once. Adjacent segments of one fill
/// were one gap when QEMU filled them, so they always form one piece (even when unmergeable); pieces of different
/// fills merge by <c>flatview_simplify</c>'s rule.</para>
/// <para>All coordinates are 128-bit: bases can go negative through aliases and ends reach 2^64.</para>
/// </remarks>
internal static class FlatViewRenderer
{
    private static readonly Int128 s_end = (Int128)AddressMath.TwoToThe64;

    /// <summary>
    /// QEMU's <c>memory_region_get_flatview_root</c>: skips a root alias that shows its whole target from offset 0, and
    /// a pure container whose only enabled child sits at 0 and fits; returns false for the shared empty view (a
    /// disabled root, or a container with no enabled child).
    /// </summary>
    public static bool TryReduceRoot(MemoryRegion root, out FlatViewKey key)
    {
        Int128 baseBefore = 0;
        bool readOnly = false, nonvolatile = false, unmergeable = false;
        MemoryRegion region = root;
        while (region._enabled)
        {
            if (region.AliasTarget is { } target)
            {
                if (region._aliasOffset == 0 && region._size >= target._size)
                {
                    Int128 regionBase = baseBefore + region._address;
                    Inherit(region, ref readOnly, ref nonvolatile, ref unmergeable);
                    baseBefore = regionBase - target._address;
                    region = target;
                    continue;
                }
            }
            else if (!region.Terminates)
            {
                int enabledChildren = 0;
                MemoryRegion? next = null;
                foreach (MemoryRegion child in region._subregions)
                {
                    if (!child._enabled)
                    {
                        continue;
                    }

                    if (++enabledChildren > 1)
                    {
                        next = null;
                        break;
                    }

                    if (child._address == 0 && region._size >= child._size)
                    {
                        next = child;
                    }
                }

                if (enabledChildren == 0)
                {
                    key = default;
                    return false;
                }

                if (next is not null)
                {
                    Inherit(region, ref readOnly, ref nonvolatile, ref unmergeable);
                    baseBefore += region._address;
                    region = next;
                    continue;
                }
            }

            key = new FlatViewKey(region, baseBefore, readOnly, nonvolatile, unmergeable);
            return true;
        }

        key = default;
        return false;
    }

    /// <summary>Renders and simplifies the view for <paramref name="key"/>.</summary>
    public static FlatRange[] Render(in FlatViewKey key, RenderScratch? scratch = null)
    {
        scratch ??= new RenderScratch();
        List<RenderFill> fills = CollectFills(key, scratch);
        return Resolve(fills, scratch);
    }

    /// <summary>Step 1: the terminating regions in QEMU's walk order, each with its clip and base.</summary>
    internal static List<RenderFill> CollectFills(in FlatViewKey key, RenderScratch scratch)
    {
        List<RenderFill> fills = scratch.Fills;
        fills.Clear();
        Stack<RenderFrame> pending = scratch.Pending;
        pending.Clear();
        pending.Push(new RenderFrame(key.Root, key.BaseBeforeRoot, 0, s_end, key.ReadOnly, key.Nonvolatile, key.Unmergeable, IsEmit: false));
        while (pending.TryPop(out RenderFrame frame))
        {
            MemoryRegion region = frame.Region;
            if (frame.IsEmit)
            {
                fills.Add(new RenderFill(region, frame.Base, frame.ClipStart, frame.ClipEnd, frame.ReadOnly, frame.Nonvolatile, frame.Unmergeable));
                continue;
            }

            // 1. A disabled region hides its whole subtree, alias target included.
            if (!region._enabled)
            {
                continue;
            }

            // 2. The region's own address moves the base; flags are OR-inherited.
            Int128 regionBase = frame.Base + region._address;
            bool readOnly = frame.ReadOnly | region._readOnly;
            bool nonvolatile = frame.Nonvolatile | region._nonvolatile;
            bool unmergeable = frame.Unmergeable | region._unmergeable;

            // 3. Clip to the region. An empty intersection (including a zero-size region) can emit nothing below.
            Int128 clipStart = Int128.Max(regionBase, frame.ClipStart);
            Int128 clipEnd = Int128.Min(regionBase + (Int128)region._size, frame.ClipEnd);
            if (clipStart >= clipEnd)
            {
                continue;
            }

            // 4. An alias renders its target in the target's local coordinates: the target's own address cancels out.
            if (region.AliasTarget is { } target)
            {
                Int128 targetBase = regionBase - target._address - region._aliasOffset;
                pending.Push(new RenderFrame(target, targetBase, clipStart, clipEnd, readOnly, nonvolatile, unmergeable, IsEmit: false));
                continue;
            }

            // 7. A terminating region fills what its children leave, so it is emitted after them (pushed first).
            if (region.Terminates)
            {
                pending.Push(new RenderFrame(region, regionBase, clipStart, clipEnd, readOnly, nonvolatile, unmergeable, IsEmit: true));
            }

            // 5. Children in list order (priority descending, newest first): pushed in reverse so the first pops first.
            List<MemoryRegion> children = region._subregions;
            for (int i = children.Count - 1; i >= 0; i--)
            {
                pending.Push(new RenderFrame(children[i], regionBase, clipStart, clipEnd, readOnly, nonvolatile, unmergeable, IsEmit: false));
            }
        }

        return fills;
    }

    /// <summary>Steps 2 and 3: first fill wins per elementary segment, then pieces and simplification.</summary>
    internal static FlatRange[] Resolve(List<RenderFill> fills, RenderScratch scratch)
    {
        if (fills.Count == 0)
        {
            return [];
        }

        // Cut the line at every clip boundary. Every boundary lies in [0, 2^64]; only 2^64 itself does not fit a ulong,
        // so it is kept out of the sort and becomes the last coordinate. One primitive sort of (boundary, tag) pairs
        // then gives every fill its first and end segment without any search.
        int fillCount = fills.Count;
        scratch.EnsureCapacity(fillCount);
        ulong[] keys = scratch.Keys;
        int[] tags = scratch.Tags;
        int keyCount = 0;
        bool reachesTop = false;
        for (int f = 0; f < fillCount; f++)
        {
            keys[keyCount] = (ulong)fills[f].ClipStart;
            tags[keyCount++] = 2 * f;
            if (fills[f].ClipEnd == s_end)
            {
                reachesTop = true;
            }
            else
            {
                keys[keyCount] = (ulong)fills[f].ClipEnd;
                tags[keyCount++] = (2 * f) + 1;
            }
        }

        Array.Sort(keys, tags, 0, keyCount);
        int[] firstSegment = scratch.FirstSegment;
        int[] endSegment = scratch.EndSegment;
        Int128[] coordinates = scratch.Coordinates;
        int count = 0;
        for (int i = 0; i < keyCount; i++)
        {
            if (count == 0 || keys[i] != (ulong)coordinates[count - 1])
            {
                coordinates[count++] = keys[i];
            }

            int f = tags[i] >> 1;
            if ((tags[i] & 1) == 0)
            {
                firstSegment[f] = count - 1;
            }
            else
            {
                endSegment[f] = count - 1;
            }
        }

        if (reachesTop)
        {
            coordinates[count++] = s_end;
            for (int f = 0; f < fillCount; f++)
            {
                if (fills[f].ClipEnd == s_end)
                {
                    endSegment[f] = count - 1;
                }
            }
        }

        // Segment j is [coordinates[j], coordinates[j + 1]). nextFree[j] == j while segment j is unclaimed; a claimed
        // segment points further right. Index count − 1 is a sentinel that is never claimed.
        int[] owner = scratch.Owner;
        Array.Fill(owner, -1, 0, count - 1);
        int[] nextFree = scratch.NextFree;
        for (int j = 0; j < count; j++)
        {
            nextFree[j] = j;
        }

        for (int f = 0; f < fillCount; f++)
        {
            int first = firstSegment[f];
            int end = endSegment[f];
            Debug.Assert(end > first && coordinates[first] == fills[f].ClipStart && coordinates[end] == fills[f].ClipEnd, "segments match the clip");
            for (int j = FindFree(nextFree, first); j < end; j = FindFree(nextFree, j + 1))
            {
                owner[j] = f;
                nextFree[j] = j + 1;
            }
        }

        List<FlatRange> ranges = scratch.Ranges;
        ranges.Clear();
        int lastOwner = -1;
        Int128 lastEnd = -1;
        for (int j = 0; j < count - 1; j++)
        {
            int f = owner[j];
            if (f < 0)
            {
                continue;
            }

            RenderFill fill = fills[f];
            Int128 start = coordinates[j];
            Int128 end = coordinates[j + 1];
            ulong offset = (ulong)(start - fill.Base);
            if (ranges.Count > 0 && lastEnd == start)
            {
                FlatRange previous = ranges[^1];
                if (lastOwner == f || CanMerge(previous, fill, offset))
                {
                    ranges[^1] = previous.WithSize(previous.Size + (UInt128)(end - start));
                    lastOwner = f;
                    lastEnd = end;
                    continue;
                }
            }

            ranges.Add(new FlatRange((ulong)start, (UInt128)(end - start), fill.Region, offset, fill.ReadOnly, fill.Nonvolatile, fill.Unmergeable));
            lastOwner = f;
            lastEnd = end;
        }

        return ranges.ToArray();
    }

    /// <summary><c>flatview_simplify</c>'s rule for an adjacent piece of another fill.</summary>
    private static bool CanMerge(in FlatRange previous, in RenderFill fill, ulong offset) =>
        ReferenceEquals(previous.Region, fill.Region)
        && (UInt128)previous.OffsetInRegion + previous.Size == offset
        && previous.ReadOnly == fill.ReadOnly
        && previous.Nonvolatile == fill.Nonvolatile
        && !previous.Unmergeable
        && !fill.Unmergeable;

    private static int FindFree(int[] nextFree, int index)
    {
        // Path halving keeps the chains short; the total work is near-linear in the number of segments.
        while (nextFree[index] != index)
        {
            nextFree[index] = nextFree[nextFree[index]];
            index = nextFree[index];
        }

        return index;
    }

    private static void Inherit(MemoryRegion region, ref bool readOnly, ref bool nonvolatile, ref bool unmergeable)
    {
        readOnly |= region._readOnly;
        nonvolatile |= region._nonvolatile;
        unmergeable |= region._unmergeable;
    }
}
