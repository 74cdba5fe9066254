using RcuCollections.AddressSpaces;

namespace RcuCollections.Tests.AddressSpaces;

/// <summary>Root reduction and view sharing (docs/design/address-space-rendering.md §1.2 "FlatView sharing"), and the
/// §5 output around it.</summary>
public class ViewSharingTests
{
    [Fact]
    public void BusMasterAliasesOfSystemMemory_ShareOneView()
    {
        PcLayout pc = PcLayout.Build();
        using (pc.Map)
        {
            AddressSpace[] busMasters = Enumerable.Range(0, 4)
                .Select(i => pc.Map.CreateAddressSpace($"bm{i}", MemoryRegion.Alias($"bm{i}-root", pc.System, 0, ulong.MaxValue)))
                .ToArray();

            Assert.All(busMasters, s => Assert.Same(pc.Space.CurrentView, s.CurrentView));

            // A commit renders one new view and hands it to all of them.
            pc.VgaAlias1.SetAliasOffset(0x18000);
            Assert.All(busMasters, s => Assert.Same(pc.Space.CurrentView, s.CurrentView));

            string flat = pc.Map.FormatFlat();
            Assert.StartsWith(
                "FlatView #0\n" +
                " AS \"memory\", root: system\n" +
                " AS \"bm0\", root: bm0-root, alias system\n" +
                " AS \"bm1\", root: bm1-root, alias system\n" +
                " AS \"bm2\", root: bm2-root, alias system\n" +
                " AS \"bm3\", root: bm3-root, alias system\n" +
                " Root memory region: system\n",
                flat);
            Assert.DoesNotContain("FlatView #1", flat);
        }
    }

    [Fact]
    public void DisabledBusMasterRoot_GetsTheSharedEmptyView()
    {
        PcLayout pc = PcLayout.Build();
        using (pc.Map)
        {
            MemoryRegion root = MemoryRegion.Alias("bm-root", pc.System, 0, ulong.MaxValue);
            AddressSpace busMaster = pc.Map.CreateAddressSpace("bm", root);
            root.SetEnabled(false);

            Assert.Empty(busMaster.CurrentView.Ranges);
            Assert.Null(busMaster.CurrentView.Root);
            Assert.True(busMaster.Translate(0).IsUnassigned);
            Assert.EndsWith(
                "FlatView #1\n" +
                " AS \"bm\", root: bm-root, alias system\n" +
                " Root memory region: (none)\n" +
                "  No rendered FlatView\n\n",
                pc.Map.FormatFlat());
        }
    }

    [Fact]
    public void ContainerWithOneChildAtZero_ReducesToThatChild()
    {
        using MemoryMap map = new();
        MemoryRegion outer = MemoryRegion.Container("outer", ulong.MaxValue);
        MemoryRegion inner = MemoryRegion.Container("inner", 0x10000);
        inner.AddSubregion(0, MemoryRegion.Ram("a", 0x100));
        inner.AddSubregion(0x100, MemoryRegion.Ram("b", 0x100));
        outer.AddSubregion(0, inner);
        map.CreateAddressSpace("outer-as", outer);
        map.CreateAddressSpace("inner-as", inner);

        Assert.Equal(
            "FlatView #0\n" +
            " AS \"outer-as\", root: outer\n" +
            " AS \"inner-as\", root: inner\n" +
            " Root memory region: inner\n" +
            "  0000000000000000-00000000000000ff (prio 0, ram): a\n" +
            "  0000000000000100-00000000000001ff (prio 0, ram): b\n\n",
            map.FormatFlat());
    }

    [Fact]
    public void ReducedRootQuirk_IsNotReplicated_AliasOfAMappedTargetRendersAtZero()
    {
        // QEMU renders a reduced root with its own address as base, so an address space whose root is
        // alias(T, 0, >= T.size) would see T shifted by T.addr. Unreduced, the alias shows T at 0; the library keeps
        // reduction result-preserving, so both address spaces see what their own roots render.
        using MemoryMap map = new();
        MemoryRegion system = MemoryRegion.Container("system", ulong.MaxValue);
        MemoryRegion bus = MemoryRegion.Container("bus", 0x1000);
        bus.AddSubregion(0x10, MemoryRegion.Ram("dev", 0x10));
        system.AddSubregion(0x8000, bus);
        AddressSpace memory = map.CreateAddressSpace("memory", system);
        AddressSpace busView = map.CreateAddressSpace("bus-view", MemoryRegion.Alias("bus-alias", bus, 0, 0x1000));

        Assert.Equal(["[0x8010,0x8020) dev @0x0"], Ranges.Of(memory));
        Assert.Equal(["[0x10,0x20) dev @0x0"], Ranges.Of(busView));
        Assert.NotSame(memory.CurrentView, busView.CurrentView);
    }

    [Fact]
    public void ReadOnlyAliasRoot_IsNotSharedWithTheWritableTarget()
    {
        PcLayout pc = PcLayout.Build();
        using (pc.Map)
        {
            MemoryRegion root = MemoryRegion.Alias("ro-root", pc.System, 0, ulong.MaxValue);
            root.SetReadOnly(true);
            AddressSpace readOnlyView = pc.Map.CreateAddressSpace("ro", root);

            Assert.NotSame(pc.Space.CurrentView, readOnlyView.CurrentView);
            Assert.All(readOnlyView.CurrentView.Ranges, r => Assert.True(r.ReadOnly));
            Assert.Equal(pc.Space.CurrentView.Ranges.Count, readOnlyView.CurrentView.Ranges.Count);
        }
    }

    [Fact]
    public void EveryCommit_GivesEveryAddressSpaceANewViewObject()
    {
        using MemoryMap map = new();
        MemoryRegion a = MemoryRegion.Container("a", ulong.MaxValue);
        MemoryRegion b = MemoryRegion.Container("b", ulong.MaxValue);
        a.AddSubregion(0, MemoryRegion.Ram("ra", 0x10));
        b.AddSubregion(0, MemoryRegion.Ram("rb", 0x10));
        AddressSpace spaceA = map.CreateAddressSpace("a", a);
        AddressSpace spaceB = map.CreateAddressSpace("b", b);
        FlatView before = spaceB.CurrentView;

        a.AddSubregion(0x100, MemoryRegion.Ram("ra2", 0x10));

        Assert.NotSame(before, spaceB.CurrentView);
        Assert.Equal(before.Ranges, spaceB.CurrentView.Ranges);
        Assert.Equal(2, spaceA.CurrentView.Ranges.Count);
    }

    [Fact]
    public void InfoMtree_GroupsAddressSpacesByRoot_SortedByName()
    {
        using MemoryMap map = new();
        MemoryRegion system = MemoryRegion.Container("system", ulong.MaxValue);
        MemoryRegion io = MemoryRegion.Container("io", 0x10000);
        map.CreateAddressSpace("memory", system);
        map.CreateAddressSpace("I/O", io);
        map.CreateAddressSpace("cpu-memory-0", system);

        Assert.Equal(
            "address-space: I/O\n" +
            "  0000000000000000-000000000000ffff (prio 0, container): io\n" +
            "\n" +
            "address-space: cpu-memory-0\n" +
            "address-space: memory\n" +
            "  0000000000000000-ffffffffffffffff (prio 0, container): system\n" +
            "\n",
            map.FormatTree());
    }

    [Fact]
    public void InfoMtree_HidesDisabledLines_ShowsThemWithD_AndFlagsOverflow()
    {
        (MemoryMap map, MemoryRegion root, _) = Ranges.NewSystem();
        using (map)
        {
            MemoryRegion off = MemoryRegion.Container("off", 0x1000);
            off.AddSubregion(0x10, MemoryRegion.Mmio("child", 0x10));
            off.SetEnabled(false);
            root.AddSubregion(0x1000, off);
            MemoryRegion wraps = MemoryRegion.Ram("wraps", 0x100);
            wraps.SetNonvolatile(true);
            root.AddSubregion(0xFFFF_FFFF_FFFF_FFF0, wraps);

            // As QEMU: a disabled region's own line is hidden, its (enabled) children are still listed.
            Assert.Equal(
                "address-space: memory\n" +
                "  0000000000000000-ffffffffffffffff (prio 0, container): system\n" +
                "      0000000000001010-000000000000101f (prio 0, i/o): child\n" +
                "[DETECTED OVERFLOW!]     fffffffffffffff0-00000000000000ef (prio 0, nv-ram): wraps\n" +
                "\n",
                map.FormatTree());
            Assert.Contains("    0000000000001000-0000000000001fff (prio 0, i/o): off [disabled]\n", map.FormatTree(includeDisabled: true));
        }
    }
}
