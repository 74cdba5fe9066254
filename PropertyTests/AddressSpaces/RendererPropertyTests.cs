using FsCheck;
using FsCheck.Fluent;
using RcuCollections.AddressSpaces;
using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.AddressSpaces;

/// <summary>The renderer against the naive per-address reference over random small trees.</summary>
public class RendererPropertyTests
{
    private static readonly (ulong, ulong)[] s_windows =
    [
        (0, RandomTreeRecipe.Window),
        (ulong.MaxValue - RandomTreeRecipe.Window + 1, RandomTreeRecipe.Window),
    ];

    [Fact]
    public void Renderer_MatchesPerAddressReference() =>
        Prop.ForAll(RandomTreeRecipe.Arbitrary, recipe =>
        {
            (MemoryRegion root, MemoryRegion[] regions) = recipe.Build();
            using MemoryMap map = new();
            AddressSpace space = map.CreateAddressSpace("memory", root);

            // A second address space rooted at an arbitrary region exercises root reduction: its view must equal the
            // unreduced rendering of that root (QEMU's reduced-root quirk is not replicated, by design).
            MemoryRegion secondRoot = regions[recipe.SecondRoot % regions.Length];
            AddressSpace second = map.CreateAddressSpace("second", secondRoot);

            return Matches(space, root, "main") && Matches(second, secondRoot, "second");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(StressTier.Pick(120, 3000)));

    private static bool Matches(AddressSpace space, MemoryRegion root, string label)
    {
        string[] actual = Ranges.Of(space);
        foreach (FlatRange range in space.CurrentView.Ranges)
        {
            bool inLow = range.End <= RandomTreeRecipe.Window;
            bool inHigh = range.Start > ulong.MaxValue - RandomTreeRecipe.Window;
            Assert.True(inLow || inHigh, $"{label}: the generator keeps everything in the checked windows, but {range} is outside");
        }

        List<ReferenceRenderer.Piece> pieces = ReferenceRenderer.Render(root, s_windows);
        string[] expected = pieces.Select(p => p.ToString()).ToArray();
        Assert.True(
            expected.SequenceEqual(actual),
            $"{label} view differs from the reference.\nexpected:\n  {string.Join("\n  ", expected)}\nactual:\n  {string.Join("\n  ", actual)}");

        // Every address of the windows translates through the index to the piece that contains it, or to unassigned.
        int piece = 0;
        foreach ((ulong start, ulong count) in s_windows)
        {
            for (ulong address = start; address - start < count; address++)
            {
                while (piece < pieces.Count && (UInt128)pieces[piece].Start + pieces[piece].Size <= address)
                {
                    piece++;
                }

                TranslationResult t = space.Translate(address);
                bool inside = piece < pieces.Count && pieces[piece].Start <= address;
                Assert.True(inside ? ReferenceEquals(t.Region, pieces[piece].Region) && t.OffsetInRegion == pieces[piece].Offset + (address - pieces[piece].Start) : t.IsUnassigned,
                    $"{label}: Translate(0x{address:x}) gave {t}");
            }
        }

        return true;
    }
}
