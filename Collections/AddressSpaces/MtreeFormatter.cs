using System.Globalization;
using System.Text;

namespace RcuCollections.AddressSpaces;

/// <summary>
/// QEMU's <c>info mtree</c> and <c>info mtree -f</c> text (docs/design/address-space-rendering.md §5). Runs under the
/// writer lock.
/// </summary>
/// <remarks>
/// Documented choices where QEMU is unspecified: groups of address spaces (tree) are ordered by their first name
/// (ordinal) because QEMU's hash order is arbitrary; views (flat) are numbered in the creation order of the first
/// address space using them; the <c>[DETECTED OVERFLOW!] </c> prefix is printed only with a line that is printed
/// (QEMU also prints it, dangling, for a hidden disabled region).
/// </remarks>
internal static class MtreeFormatter
{
    private const string Indent = "  ";

    public static string FormatTree(IReadOnlyList<AddressSpace> addressSpaces, bool includeDisabled)
    {
        StringBuilder text = new();
        List<MemoryRegion> aliasQueue = [];
        HashSet<MemoryRegion> queued = [];

        var groups = addressSpaces
            .Where(s => !s.IsDisposed)
            .GroupBy(s => s.Root)
            .Select(g => g.OrderBy(s => s.Name, StringComparer.Ordinal).ToList())
            .OrderBy(g => g[0].Name, StringComparer.Ordinal)
            .ToList();
        foreach (List<AddressSpace> group in groups)
        {
            foreach (AddressSpace space in group)
            {
                text.Append("address-space: ").Append(space.Name).Append('\n');
            }

            PrintRegion(text, group[0].Root, level: 1, parentStart: 0, aliasQueue, queued, includeDisabled);
            text.Append('\n');
        }

        // Targets of aliases, each once, in the order first met; printing them may queue more.
        for (int i = 0; i < aliasQueue.Count; i++)
        {
            text.Append("memory-region: ").Append(aliasQueue[i].Name).Append('\n');
            PrintRegion(text, aliasQueue[i], level: 1, parentStart: 0, aliasQueue, queued, includeDisabled);
            text.Append('\n');
        }

        return text.ToString();
    }

    public static string FormatFlat(IReadOnlyList<AddressSpace> addressSpaces)
    {
        StringBuilder text = new();
        List<(FlatView View, List<AddressSpace> Spaces)> views = [];
        foreach (AddressSpace space in addressSpaces)
        {
            if (space.IsDisposed)
            {
                continue;
            }

            FlatView view = space.PublishedView;
            int index = views.FindIndex(v => ReferenceEquals(v.View, view));
            if (index < 0)
            {
                views.Add((view, [space]));
            }
            else
            {
                views[index].Spaces.Add(space);
            }
        }

        for (int n = 0; n < views.Count; n++)
        {
            (FlatView view, List<AddressSpace> spaces) = views[n];
            text.Append("FlatView #").Append(n.ToString(CultureInfo.InvariantCulture)).Append('\n');
            foreach (AddressSpace space in spaces)
            {
                text.Append(" AS \"").Append(space.Name).Append("\", root: ").Append(space.Root.Name);
                if (space.Root.AliasTarget is { } target)
                {
                    text.Append(", alias ").Append(target.Name);
                }

                text.Append('\n');
            }

            text.Append(" Root memory region: ").Append(view.Root?.Name ?? "(none)").Append('\n');
            FlatRange[] ranges = view.RangeArray;
            if (ranges.Length == 0)
            {
                text.Append(Indent).Append("No rendered FlatView\n\n");
                continue;
            }

            foreach (FlatRange range in ranges)
            {
                MemoryRegion region = range.Region;
                text.Append(Indent);
                AppendSpan(text, range.Start, AddressMath.InclusiveEnd(range.Start, range.Size));
                text.Append(" (prio ").Append(region._priority.ToString(CultureInfo.InvariantCulture)).Append(", ")
                    .Append(range.Nonvolatile ? "nv-" : string.Empty)
                    .Append(range.ReadOnly ? "rom" : TypeName(region))
                    .Append("): ").Append(region.Name);
                if (range.OffsetInRegion != 0)
                {
                    text.Append(" @").Append(Hex(range.OffsetInRegion));
                }

                text.Append('\n');
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>QEMU's <c>memory_region_type</c>: an alias shows its target's type; a parentless non-RAM region is a "container".</summary>
    internal static string TypeName(MemoryRegion region)
    {
        while (region.AliasTarget is { } target)
        {
            region = target;
        }

        if (region.IsRam)
        {
            return region._readOnly ? "rom" : "ram";
        }

        return region._parent is null ? "container" : "i/o";
    }

    private static void PrintRegion(StringBuilder text, MemoryRegion region, int level, ulong parentStart, List<MemoryRegion> aliasQueue, HashSet<MemoryRegion> queued, bool includeDisabled)
    {
        ulong start = unchecked(parentStart + region._address);
        ulong end = AddressMath.InclusiveEnd(start, region._size);
        bool overflow = start < parentStart || end < start;

        if (region.AliasTarget is { } target && queued.Add(target))
        {
            aliasQueue.Add(target);
        }

        if (region._enabled || includeDisabled)
        {
            if (overflow)
            {
                text.Append("[DETECTED OVERFLOW!] ");
            }

            for (int i = 0; i < level; i++)
            {
                text.Append(Indent);
            }

            AppendSpan(text, start, end);
            text.Append(" (prio ").Append(region._priority.ToString(CultureInfo.InvariantCulture)).Append(", ")
                .Append(region._nonvolatile ? "nv-" : string.Empty)
                .Append(TypeName(region)).Append("): ");
            if (region.AliasTarget is { } aliasTarget)
            {
                text.Append("alias ").Append(region.Name).Append(" @").Append(aliasTarget.Name).Append(' ');
                AppendSpan(text, region._aliasOffset, AddressMath.InclusiveEnd(region._aliasOffset, region._size));
            }
            else
            {
                text.Append(region.Name);
            }

            if (!region._enabled)
            {
                text.Append(" [disabled]");
            }

            text.Append('\n');
        }

        // Children by address ascending, then priority descending; a stable sort keeps list order for exact ties,
        // as QEMU's insertion does. This is not the render order.
        IEnumerable<MemoryRegion> children = region._subregions
            .OrderBy(c => c._address)
            .ThenByDescending(c => c._priority);
        foreach (MemoryRegion child in children)
        {
            PrintRegion(text, child, level + 1, start, aliasQueue, queued, includeDisabled);
        }
    }

    private static void AppendSpan(StringBuilder text, ulong start, ulong end) =>
        text.Append(Hex(start)).Append('-').Append(Hex(end));

    private static string Hex(ulong value) => value.ToString("x16", CultureInfo.InvariantCulture);
}
