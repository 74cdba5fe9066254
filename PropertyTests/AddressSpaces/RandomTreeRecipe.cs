using FsCheck;
using FsCheck.Fluent;
using RcuCollections.AddressSpaces;

namespace RcuCollections.Tests.AddressSpaces;

/// <summary>One region of a random tree: kind, geometry and flags; links are resolved modulo the nodes built before it.</summary>
public sealed record RandomNodeSpec(int Kind, ulong Size, ulong Address, int Priority, int Parent, int Target, ulong AliasOffset, bool Enabled, bool ReadOnly, bool Nonvolatile, bool Unmergeable);

/// <summary>
/// A random small region tree. Every address, offset and size is either small or 2^64 minus small, so everything
/// visible lands in [0, W) or [2^64 − W, 2^64) where a per-address reference can check it, yet aliases still produce
/// negative bases, wrapped windows, clipping at 2^64 and 65-bit ends.
/// </summary>
public sealed record RandomTreeRecipe(RandomNodeSpec[] Nodes, (int Node, ulong Address)[] Moves, int SecondRoot)
{
    public const ulong Window = 4096;

    public static Arbitrary<RandomTreeRecipe> Arbitrary { get; } = Generator().ToArbitrary();

    public override string ToString() =>
        string.Join("\n", Nodes.Select((n, i) => $"n{i}: {n}")) + $"\nmoves: {string.Join(", ", Moves.Select(m => $"n{m.Node}->0x{m.Address:x}"))}\nsecond root: {SecondRoot}";

    /// <summary>Builds the tree under a 2^64 root; links the library rejects (cycles, two containers) are left out.</summary>
    public (MemoryRegion Root, MemoryRegion[] Regions) Build()
    {
        MemoryRegion root = MemoryRegion.Container("root", ulong.MaxValue);
        List<MemoryRegion> all = [root];
        foreach ((RandomNodeSpec spec, int index) in Nodes.Select((s, i) => (s, i)))
        {
            string name = $"n{index}";
            MemoryRegion region = spec.Kind switch
            {
                0 => MemoryRegion.Container(name, spec.Size),
                1 => MemoryRegion.Ram(name, spec.Size),
                2 => MemoryRegion.Rom(name, spec.Size),
                3 => MemoryRegion.Mmio(name, spec.Size),
                _ => MemoryRegion.Alias(name, all[spec.Target % all.Count], spec.AliasOffset, spec.Size),
            };
            if (!spec.Enabled)
            {
                region.SetEnabled(false);
            }

            region.SetReadOnly(spec.ReadOnly || spec.Kind == 2);
            region.SetNonvolatile(spec.Nonvolatile);
            region.SetUnmergeable(spec.Unmergeable);

            MemoryRegion parent = all[spec.Parent % all.Count];
            try
            {
                parent.AddSubregion(spec.Address, region, spec.Priority);
            }
            catch (InvalidOperationException)
            {
                // An alias cannot hold children, and a cycle is refused: the node stays detached.
            }

            all.Add(region);
        }

        foreach ((int node, ulong address) in Moves)
        {
            all[1 + (node % Nodes.Length)].SetAddress(address);
        }

        return (root, all.ToArray());
    }

    private static Gen<RandomTreeRecipe> Generator()
    {
        Gen<ulong> position = Gen.Frequency(
            (4, Gen.Choose(0, 250).Select(x => (ulong)x)),
            (1, Gen.Choose(1, 250).Select(x => ulong.MaxValue - (ulong)x + 1)));
        Gen<ulong> leafSize = Gen.Frequency(
            (8, Gen.Choose(1, 64).Select(x => (ulong)x)),
            (1, Gen.Constant(0UL)));
        Gen<ulong> containerSize = Gen.Frequency(
            (5, Gen.Choose(1, 300).Select(x => (ulong)x)),
            (2, Gen.Constant(ulong.MaxValue)),
            (1, Gen.Constant(0UL)));
        Gen<bool> rarely = Gen.Frequency((7, Gen.Constant(false)), (1, Gen.Constant(true)));

        Gen<RandomNodeSpec> node =
            from kind in Gen.Frequency((3, Gen.Constant(0)), (3, Gen.Constant(1)), (1, Gen.Constant(2)), (3, Gen.Constant(3)), (3, Gen.Constant(4)))
            from size in kind is 0 or 4 ? containerSize : leafSize
            from address in position
            from priority in Gen.Choose(-2, 2)
            from parent in Gen.Choose(0, 1000)
            from target in Gen.Choose(0, 1000)
            from aliasOffset in position
            from disabled in rarely
            from readOnly in rarely
            from nonvolatile in rarely
            from unmergeable in rarely
            select new RandomNodeSpec(kind, size, address, priority, parent, target, aliasOffset, !disabled, readOnly, nonvolatile, unmergeable);

        Gen<(int, ulong)> move =
            from n in Gen.Choose(0, 1000)
            from a in position
            select (n, a);

        return from count in Gen.Choose(1, 12)
               from nodes in node.ArrayOf(count)
               from moveCount in Gen.Choose(0, 3)
               from moves in move.ArrayOf(moveCount)
               from second in Gen.Choose(0, 1000)
               select new RandomTreeRecipe(nodes, moves, second);
    }
}
