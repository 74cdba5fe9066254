using RcuCollections.AddressSpaces;

namespace RcuCollections.Benchmarks.Baselines;

/// <summary>
/// QEMU's own rendering algorithm as a baseline (docs/design/address-space-rendering.md §1.2 step 7, written from those
/// notes): every terminating region scans the view from index 0 and inserts its pieces into the gaps with an array
/// insert (memmove), so rendering is O(R·N). It returns unsimplified pieces; it exists to show how commit time grows,
/// not to be used.
/// </summary>
internal static class QemuStyleRenderer
{
    private static readonly Int128 s_top = (Int128)((UInt128)1 << 64);

    public readonly record struct Piece(Int128 Start, Int128 End, MemoryRegion Region, ulong Offset);

    public static List<Piece> Render(MemoryRegion root)
    {
        List<Piece> view = [];
        Render(view, root, 0, 0, s_top);
        return view;
    }

    private static void Render(List<Piece> view, MemoryRegion region, Int128 baseAddress, Int128 clipStart, Int128 clipEnd)
    {
        if (!region.Enabled)
        {
            return;
        }

        baseAddress += region.Address;
        Int128 start = Int128.Max(baseAddress, clipStart);
        Int128 end = Int128.Min(baseAddress + (Int128)region.Size, clipEnd);
        if (start >= end)
        {
            return;
        }

        if (region.AliasTarget is { } target)
        {
            Render(view, target, baseAddress - target.Address - region.AliasOffset, start, end);
            return;
        }

        foreach (MemoryRegion child in region.Subregions)
        {
            Render(view, child, baseAddress, start, end);
        }

        if (region.Kind is not (MemoryRegionKind.Ram or MemoryRegionKind.Mmio))
        {
            return;
        }

        Int128 cursor = start;
        int i = 0;
        for (; i < view.Count && cursor < end; i++)
        {
            if (cursor >= view[i].End)
            {
                continue;
            }

            if (cursor < view[i].Start)
            {
                Int128 pieceEnd = Int128.Min(end, view[i].Start);
                view.Insert(i, new Piece(cursor, pieceEnd, region, (ulong)(cursor - baseAddress)));
                i++;
                cursor = pieceEnd;
            }

            cursor = Int128.Min(end, view[i].End);
        }

        if (cursor < end)
        {
            view.Insert(i, new Piece(cursor, end, region, (ulong)(cursor - baseAddress)));
        }
    }
}
