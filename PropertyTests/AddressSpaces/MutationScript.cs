using FsCheck;
using FsCheck.Fluent;
using RcuCollections.AddressSpaces;

namespace RcuCollections.Tests.AddressSpaces;

/// <summary>One random mutation of a region of a <see cref="RandomTreeRecipe"/> tree (index 0 is the root).</summary>
public sealed record MutationStep(int Kind, int Node, int Other, ulong Value, int Priority)
{
    public void Apply(MemoryRegion[] regions)
    {
        MemoryRegion region = regions[1 + (Node % (regions.Length - 1))];
        try
        {
            switch (Kind)
            {
                case 0: region.SetEnabled(!region.Enabled); break;
                case 1: region.SetAddress(Value); break;
                case 2: region.SetReadOnly(!region.ReadOnly); break;
                case 3: region.SetAliasOffset(Value); break;
                case 4: region.SetSize(Value % 0x80); break;
                case 5: region.SetUnmergeable(!region.Unmergeable); break;
                case 6:
                    region.Parent?.RemoveSubregion(region);
                    regions[Other % regions.Length].AddSubregion(Value, region, Priority);
                    break;
                default: region.Parent?.RemoveSubregion(region); break;
            }
        }
        catch (InvalidOperationException)
        {
            // Not an alias, an alias as parent, a cycle: refused, and nothing changed.
        }
    }
}

/// <summary>Batches of mutations; a batch of more than one runs inside a transaction.</summary>
public sealed record MutationScript(MutationStep[][] Batches)
{
    public static Arbitrary<MutationScript> Arbitrary { get; } = Generator().ToArbitrary();

    public override string ToString() => string.Join("\n", Batches.Select(b => "[" + string.Join("; ", b.Select(s => s.ToString())) + "]"));

    private static Gen<MutationScript> Generator()
    {
        Gen<ulong> position = Gen.Frequency(
            (4, Gen.Choose(0, 250).Select(x => (ulong)x)),
            (1, Gen.Choose(1, 250).Select(x => ulong.MaxValue - (ulong)x + 1)));
        Gen<MutationStep> step =
            from kind in Gen.Choose(0, 7)
            from node in Gen.Choose(0, 1000)
            from other in Gen.Choose(0, 1000)
            from value in position
            from priority in Gen.Choose(-2, 2)
            select new MutationStep(kind, node, other, value, priority);
        Gen<MutationStep[]> batch = Gen.Choose(1, 4).SelectMany(n => step.ArrayOf(n));
        return Gen.Choose(1, 8).SelectMany(n => batch.ArrayOf(n)).Select(b => new MutationScript(b));
    }
}
