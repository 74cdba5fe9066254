using RcuCollections.AddressSpaces;

namespace RcuCollections.Tests.AddressSpaces;

/// <summary>The individual rules of docs/design/address-space-rendering.md §1.1–1.2, one at a time.</summary>
public class RenderingRuleTests
{
    private static readonly UInt128 s_twoTo64 = (UInt128)1 << 64;

    [Fact]
    public void EqualPriorities_NewestWins_AndSetAddressReinserts_ButSetSizeDoesNot()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            MemoryRegion a = MemoryRegion.Mmio("a", 0x100);
            MemoryRegion b = MemoryRegion.Mmio("b", 0x100);
            root.AddSubregion(0, a);
            root.AddSubregion(0x80, b);
            Assert.Equal(["[0x0,0x80) a @0x0", "[0x80,0x180) b @0x0"], Ranges.Of(space));

            // Moving a (and back) re-inserts it as the newest among equals: it now wins the overlap.
            a.SetAddress(0x10);
            a.SetAddress(0);
            Assert.Equal(["[0x0,0x100) a @0x0", "[0x100,0x180) b @0x80"], Ranges.Of(space));
            Assert.Same(a, root.Subregions[0]);

            // A resize keeps its place in the list.
            b.SetSize(0x200);
            Assert.Equal(["[0x0,0x100) a @0x0", "[0x100,0x280) b @0x80"], Ranges.Of(space));
            Assert.Same(a, root.Subregions[0]);
        }
    }

    [Fact]
    public void HigherPriorityWins_RegardlessOfInsertionOrder()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            root.AddSubregion(0, MemoryRegion.Mmio("high", 0x100), 5);
            root.AddSubregion(0, MemoryRegion.Mmio("low", 0x200), 4);
            Assert.Equal(["[0x0,0x100) high @0x0", "[0x100,0x200) low @0x100"], Ranges.Of(space));
        }
    }

    [Fact]
    public void OneFill_IsOnePiece_EvenWhenUnmergeable_AndForeignBoundariesFallInside()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            MemoryRegion wide = MemoryRegion.Ram("wide", 0x40);
            wide.SetUnmergeable(true);
            root.AddSubregion(0, wide, 1);
            root.AddSubregion(0x10, MemoryRegion.Ram("hidden", 0x10), 0);

            Assert.Equal(["[0x0,0x40) wide @0x0 um"], Ranges.Of(space));
        }
    }

    [Fact]
    public void AdjacentContiguousPieces_OfDifferentFills_MergeUnlessUnmergeable()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            MemoryRegion target = MemoryRegion.Ram("t", 0x20);
            root.AddSubregion(0x100, MemoryRegion.Alias("a0", target, 0, 0x10));
            root.AddSubregion(0x110, MemoryRegion.Alias("a1", target, 0x10, 0x10));
            Assert.Equal(["[0x100,0x120) t @0x0"], Ranges.Of(space));

            target.SetUnmergeable(true);
            Assert.Equal(["[0x100,0x110) t @0x0 um", "[0x110,0x120) t @0x10 um"], Ranges.Of(space));
        }
    }

    [Fact]
    public void AliasWindowLargerThanTarget_LeavesHoleForLowerPrioritySibling()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            MemoryRegion target = MemoryRegion.Mmio("t", 0x1000);
            root.AddSubregion(0, MemoryRegion.Alias("window", target, 0x800, 0x1000), 1);
            root.AddSubregion(0, MemoryRegion.Ram("bg", 0x2000), 0);

            Assert.Equal(["[0x0,0x800) t @0x800", "[0x800,0x2000) bg @0x800"], Ranges.Of(space));
        }
    }

    [Fact]
    public void AliasTarget_IsSeenInLocalCoordinates_EvenWhenMappedElsewhere_NegativeBase()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            MemoryRegion elsewhere = MemoryRegion.Container("elsewhere", 0x10000);
            MemoryRegion target = MemoryRegion.Container("t", 0x100);
            target.AddSubregion(0x10, MemoryRegion.Mmio("dev", 0x10));
            elsewhere.AddSubregion(0x5000, target);

            // The alias sits at 0x100 and target.addr = 0x5000: the base goes negative and the target's address cancels.
            root.AddSubregion(0x100, MemoryRegion.Alias("view", target, 0, 0x100));
            Assert.Equal(["[0x110,0x120) dev @0x0"], Ranges.Of(space));
        }
    }

    [Fact]
    public void DisabledAliasTarget_HidesTheAliasContent()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            MemoryRegion target = MemoryRegion.Ram("t", 0x100);
            root.AddSubregion(0, MemoryRegion.Alias("a", target, 0, 0x100));
            Assert.Single(space.CurrentView.Ranges);

            target.SetEnabled(false);
            Assert.Empty(space.CurrentView.Ranges);
        }
    }

    [Fact]
    public void ZeroSizeContainer_EmitsNothing_EvenWithChildren()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            MemoryRegion empty = MemoryRegion.Container("empty", 0);
            empty.AddSubregion(0, MemoryRegion.Ram("inside", 0x10));
            root.AddSubregion(0x100, empty);
            root.AddSubregion(0x1000, MemoryRegion.Ram("other", 0x10));

            Assert.Equal(["[0x1000,0x1010) other @0x0"], Ranges.Of(space));
        }
    }

    [Fact]
    public void ReadOnly_IsInheritedThroughContainersAndAliases_AndTranslateReportsIt()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            MemoryRegion ram = MemoryRegion.Ram("ram", 0x1000);
            MemoryRegion alias = MemoryRegion.Alias("ro-alias", ram, 0, 0x1000);
            alias.SetReadOnly(true);
            root.AddSubregion(0, ram);
            root.AddSubregion(0x10000, alias);

            Assert.Equal(["[0x0,0x1000) ram @0x0", "[0x10000,0x11000) ram @0x0 ro"], Ranges.Of(space));
            Assert.False(space.Translate(0x10).ReadOnly);
            TranslationResult throughAlias = space.Translate(0x10010);
            Assert.Same(ram, throughAlias.Region);
            Assert.True(throughAlias.ReadOnly);
            Assert.Equal(0x10UL, throughAlias.OffsetInRegion);
            Assert.Equal((UInt128)0xFF0, throughAlias.Length);
        }
    }

    [Fact]
    public void SixtyFiveBitEnds_FullSizeRangeAndClippingAtTheTop()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            root.AddSubregion(0, MemoryRegion.Ram("everything", ulong.MaxValue), -1);
            root.AddSubregion(0xFFFF_FFFF_FFFF_F000, MemoryRegion.Mmio("top", 0x2000), 1);

            FlatRange[] ranges = [.. space.CurrentView.Ranges];
            Assert.Equal(2, ranges.Length);
            Assert.Equal(0xFFFF_FFFF_FFFF_F000UL, ranges[0].Size);
            Assert.Equal((UInt128)0x1000, ranges[1].Size);
            Assert.Equal(s_twoTo64, ranges[1].End);
            Assert.Equal(ulong.MaxValue, ranges[1].Last);

            TranslationResult last = space.Translate(ulong.MaxValue);
            Assert.Equal("top", last.Region.Name);
            Assert.Equal((UInt128)1, last.Length);
            Assert.Equal(0xFFFUL, last.OffsetInRegion);

            Assert.Contains("  fffffffffffff000-ffffffffffffffff (prio 1, i/o): top\n", map.FormatFlat());
        }
    }

    [Fact]
    public void FullSizeRegion_ReportsTwoToThe64_AndTranslatesWithFullLength()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            MemoryRegion all = MemoryRegion.Ram("all", ulong.MaxValue);
            Assert.Equal(s_twoTo64, all.Size);
            root.AddSubregion(0, all);

            FlatRange only = Assert.Single(space.CurrentView.Ranges);
            Assert.Equal(s_twoTo64, only.Size);
            Assert.Equal(s_twoTo64, space.Translate(0).Length);
            Assert.Contains("  0000000000000000-ffffffffffffffff (prio 0, ram): all\n", map.FormatFlat());
        }
    }

    [Fact]
    public void RootMappedAtAnAddress_ShiftsItsView()
    {
        MemoryRegion root = MemoryRegion.Container("shifted", 0x1_0000);
        root.AddSubregion(0x10, MemoryRegion.Ram("ram", 0x10));
        root.AddSubregion(0x100, MemoryRegion.Ram("ram2", 0x10));
        root.SetAddress(0x4000);
        using MemoryMap map = new();
        AddressSpace space = map.CreateAddressSpace("shifted", root);

        Assert.Equal(["[0x4010,0x4020) ram @0x0", "[0x4100,0x4110) ram2 @0x0"], Ranges.Of(space));
    }

    [Fact]
    public void Unassigned_TranslatesToTheUnassignedRegion_WithLengthToTheNextRange()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            root.AddSubregion(0x1000, MemoryRegion.Ram("ram", 0x1000));

            TranslationResult hole = space.Translate(0x800);
            Assert.True(hole.IsUnassigned);
            Assert.Same(MemoryRegion.Unassigned, hole.Region);
            Assert.Equal(0x800UL, hole.OffsetInRegion);
            Assert.Equal((UInt128)0x800, hole.Length);

            TranslationResult above = space.Translate(0x3000);
            Assert.True(above.IsUnassigned);
            Assert.Equal(s_twoTo64 - 0x3000, above.Length);

            Assert.False(space.Translate(0x1800).IsUnassigned);
        }
    }

    [Fact]
    public void EmptyMap_TranslatesEverythingToUnassigned()
    {
        (MemoryMap map, _, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            Assert.Empty(space.CurrentView.Ranges);
            Assert.True(space.Translate(0).IsUnassigned);
            Assert.Equal(s_twoTo64, space.Translate(0).Length);
        }
    }
}
