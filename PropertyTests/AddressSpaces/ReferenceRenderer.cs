using RcuCollections.AddressSpaces;

namespace RcuCollections.Tests.AddressSpaces;

/// <summary>
/// A deliberately naive renderer written straight from docs/design/address-space-rendering.md §1.2, per address: an
/// address belongs to the first terminating region, in depth-first walk order, whose clip contains it (QEMU's "first
/// inserted wins"), and maps to offset (address − base). Consecutive addresses claimed by the same walk path form one
/// piece (one gap filled at once); then <c>flatview_simplify</c> merges pieces. It reads only the public API and knows
/// nothing of the real renderer's segments or union-find.
/// </summary>
internal static class ReferenceRenderer
{
    private static readonly Int128 s_top = (Int128)((UInt128)1 << 64);

    public sealed record Piece(ulong Start, UInt128 Size, MemoryRegion Region, ulong Offset, bool ReadOnly, bool Nonvolatile, bool Unmergeable)
    {
        public override string ToString() =>
            $"[0x{Start:x},0x{(UInt128)Start + Size:x}) {Region.Name} @0x{Offset:x}{(ReadOnly ? " ro" : string.Empty)}{(Nonvolatile ? " nv" : string.Empty)}{(Unmergeable ? " um" : string.Empty)}";
    }

    private sealed record Claim(MemoryRegion Region, Int128 Base, bool ReadOnly, bool Nonvolatile, bool Unmergeable, ulong Path);

    /// <summary>A plain copy of one region's configuration, read once through the public API.</summary>
    private sealed class Node(MemoryRegion region, ulong id)
    {
        public ulong Id { get; } = id;
        public MemoryRegion Region { get; } = region;
        public bool Enabled { get; } = region.Enabled;
        public ulong Address { get; } = region.Address;
        public Int128 Size { get; } = (Int128)region.Size;
        public bool ReadOnly { get; } = region.ReadOnly;
        public bool Nonvolatile { get; } = region.Nonvolatile;
        public bool Unmergeable { get; } = region.Unmergeable;
        public ulong AliasOffset { get; } = region.AliasOffset;
        public bool Terminates { get; } = region.Kind is MemoryRegionKind.Ram or MemoryRegionKind.Mmio;
        public Node? AliasTarget { get; set; }
        public Node[] Children { get; set; } = [];
    }

    private static Node Snapshot(MemoryRegion region, Dictionary<MemoryRegion, Node> seen)
    {
        if (seen.TryGetValue(region, out Node? node))
        {
            return node;
        }

        node = new Node(region, (ulong)seen.Count + 1);
        seen.Add(region, node);
        node.AliasTarget = region.AliasTarget is { } target ? Snapshot(target, seen) : null;
        node.Children = region.Subregions.Select(c => Snapshot(c, seen)).ToArray();
        return node;
    }

    /// <summary>Renders <paramref name="root"/> (unreduced, base 0) over the given sorted, disjoint address windows.</summary>
    public static List<Piece> Render(MemoryRegion root, IEnumerable<(ulong Start, ulong Count)> windows)
    {
        Node rootNode = Snapshot(root, new Dictionary<MemoryRegion, Node>(ReferenceEqualityComparer.Instance));
        List<Piece> pieces = [];
        Claim? previousClaim = null;
        ulong previousAddress = 0;
        foreach ((ulong start, ulong count) in windows)
        {
            for (ulong i = 0; i < count; i++)
            {
                ulong address = start + i;
                Claim? claim = Winner(rootNode, 0, 0, s_top, false, false, false, 0, address, depth: 0);
                if (claim is null)
                {
                    previousClaim = null;
                    continue;
                }

                ulong offset = (ulong)((Int128)address - claim.Base);
                bool sameGap = previousClaim is not null && previousClaim.Path == claim.Path && previousAddress + 1 == address && address != 0;
                if (sameGap)
                {
                    Piece last = pieces[^1];
                    pieces[^1] = last with { Size = last.Size + 1 };
                }
                else
                {
                    pieces.Add(new Piece(address, 1, claim.Region, offset, claim.ReadOnly, claim.Nonvolatile, claim.Unmergeable));
                }

                previousClaim = claim;
                previousAddress = address;
            }
        }

        return Simplify(pieces);
    }

    private static Claim? Winner(Node region, Int128 baseAddress, Int128 clipStart, Int128 clipEnd, bool readOnly, bool nonvolatile, bool unmergeable, ulong path, ulong address, int depth)
    {
        if (depth > 64)
        {
            throw new InvalidOperationException("The region graph has a cycle or is absurdly deep.");
        }

        if (!region.Enabled)
        {
            return null;
        }

        baseAddress += region.Address;
        readOnly |= region.ReadOnly;
        nonvolatile |= region.Nonvolatile;
        unmergeable |= region.Unmergeable;
        // The walk path identifies the fill: a hash of the node ids from the root (collisions are astronomically unlikely).
        path = (path * 0x9E3779B97F4A7C15UL) + region.Id;

        // QEMU's addrrange_intersects: one range contains the other's start.
        Int128 size = region.Size;
        bool intersects = Contains(baseAddress, size, clipStart) || Contains(clipStart, clipEnd - clipStart, baseAddress);
        if (!intersects)
        {
            return null;
        }

        clipStart = Int128.Max(clipStart, baseAddress);
        clipEnd = Int128.Min(clipEnd, baseAddress + size);
        if (address < clipStart || address >= clipEnd)
        {
            return null;
        }

        if (region.AliasTarget is { } target)
        {
            return Winner(target, baseAddress - target.Address - region.AliasOffset, clipStart, clipEnd, readOnly, nonvolatile, unmergeable, path, address, depth + 1);
        }

        foreach (Node child in region.Children)
        {
            Claim? claim = Winner(child, baseAddress, clipStart, clipEnd, readOnly, nonvolatile, unmergeable, path, address, depth + 1);
            if (claim is not null)
            {
                return claim;
            }
        }

        return region.Terminates ? new Claim(region.Region, baseAddress, readOnly, nonvolatile, unmergeable, path) : null;
    }

    private static bool Contains(Int128 start, Int128 size, Int128 address) => address >= start && address - start < size;

    /// <summary>
    /// flatview_simplify, literally: merge each piece into its predecessor when the conditions of
    /// docs/design/address-space-rendering.md §1.2 step 8 hold.
    /// </summary>
    private static List<Piece> Simplify(List<Piece> pieces)
    {
        List<Piece> result = [];
        foreach (Piece piece in pieces)
        {
            if (result.Count > 0)
            {
                Piece previous = result[^1];
                bool mergeable = (UInt128)previous.Start + previous.Size == piece.Start
                    && ReferenceEquals(previous.Region, piece.Region)
                    && (UInt128)previous.Offset + previous.Size == piece.Offset
                    && previous.ReadOnly == piece.ReadOnly
                    && previous.Nonvolatile == piece.Nonvolatile
                    && !previous.Unmergeable
                    && !piece.Unmergeable;
                if (mergeable)
                {
                    result[^1] = previous with { Size = previous.Size + piece.Size };
                    continue;
                }
            }

            result.Add(piece);
        }

        return result;
    }
}
