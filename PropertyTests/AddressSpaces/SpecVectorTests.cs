using RcuCollections.AddressSpaces;

namespace RcuCollections.Tests.AddressSpaces;

/// <summary>The worked examples of docs/design/address-space-rendering.md §1.4 (E1, E1b, E3, E4, E4b, E7) and the §5
/// output for E4.</summary>
public class SpecVectorTests
{
    [Fact]
    public void E1_NestedContainerBeatsSibling_HolesShowThrough()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            MemoryRegion a = MemoryRegion.Container("A", 0x8000);
            MemoryRegion c = MemoryRegion.Mmio("C", 0x6000);
            MemoryRegion b = MemoryRegion.Container("B", 0x4000);
            a.AddSubregion(0, c, 1);
            a.AddSubregion(0x2000, b, 2);
            b.AddSubregion(0, MemoryRegion.Mmio("D", 0x1000));
            b.AddSubregion(0x2000, MemoryRegion.Mmio("E", 0x1000));
            root.AddSubregion(0, a);

            Assert.Equal(
                [
                    "[0x0,0x2000) C @0x0",
                    "[0x2000,0x3000) D @0x0",
                    "[0x3000,0x4000) C @0x3000",
                    "[0x4000,0x5000) E @0x0",
                    "[0x5000,0x6000) C @0x5000",
                ],
                Ranges.Of(space));
        }
    }

    [Fact]
    public void E1b_ContainerWithOwnIo_FillsItsOwnHoles()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            MemoryRegion a = MemoryRegion.Container("A", 0x8000);
            MemoryRegion b = MemoryRegion.Mmio("B", 0x4000);
            a.AddSubregion(0, MemoryRegion.Mmio("C", 0x6000), 1);
            a.AddSubregion(0x2000, b, 2);
            b.AddSubregion(0, MemoryRegion.Mmio("D", 0x1000));
            b.AddSubregion(0x2000, MemoryRegion.Mmio("E", 0x1000));
            root.AddSubregion(0, a);

            Assert.Equal(
                [
                    "[0x0,0x2000) C @0x0",
                    "[0x2000,0x3000) D @0x0",
                    "[0x3000,0x4000) B @0x1000",
                    "[0x4000,0x5000) E @0x0",
                    "[0x5000,0x6000) B @0x3000",
                ],
                Ranges.Of(space));
        }
    }

    [Fact]
    public void E3_BackgroundRegionWithNegativePriority()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            root.AddSubregion(0, MemoryRegion.Ram("ram", 0x10000), -1);
            root.AddSubregion(0x4000, MemoryRegion.Mmio("X", 0x1000), 0);

            Assert.Equal(
                ["[0x0,0x4000) ram @0x0", "[0x4000,0x5000) X @0x0", "[0x5000,0x10000) ram @0x5000"],
                Ranges.Of(space));
        }
    }

    [Fact]
    public void E4_PcLayout_FlatView()
    {
        PcLayout pc = PcLayout.Build();
        using (pc.Map)
        {
            Assert.Equal(PcLayout.ExpectedE4, Ranges.Of(pc.Space));
        }
    }

    [Fact]
    public void E4b_ContiguousVramPiecesMerge()
    {
        PcLayout pc = PcLayout.Build();
        using (pc.Map)
        {
            pc.VgaAlias1.SetAliasOffset(0x18000);

            Assert.Equal(
                [
                    "[0x0,0xa0000) pc.ram @0x0",
                    "[0xa0000,0xb0000) vram @0x10000",
                    "[0xb0000,0xe0000000) pc.ram @0xb0000",
                    "[0xe1000000,0xe2000000) vram @0x0",
                    "[0xe2000000,0xe2010000) vga-mmio @0x0",
                    "[0x100000000,0x120000000) pc.ram @0xe0000000",
                ],
                Ranges.Of(pc.Space));
        }
    }

    [Fact]
    public void E7_DisabledAndZeroSizeRegions()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            MemoryRegion c = MemoryRegion.Container("c", 0x10000);
            root.AddSubregion(0, MemoryRegion.Ram("ram", 0x10000), 0);
            root.AddSubregion(0, c, 1);
            c.AddSubregion(0x2000, MemoryRegion.Mmio("dev", 0x1000));
            root.AddSubregion(0x8000, MemoryRegion.Mmio("zero", 0), 5);

            Assert.Equal(
                ["[0x0,0x2000) ram @0x0", "[0x2000,0x3000) dev @0x0", "[0x3000,0x10000) ram @0x3000"],
                Ranges.Of(space));

            c.SetEnabled(false);

            Assert.Equal(["[0x0,0x10000) ram @0x0"], Ranges.Of(space));
        }
    }

    [Fact]
    public void E4_InfoMtree_TreeOutput()
    {
        PcLayout pc = PcLayout.Build();
        using (pc.Map)
        {
            const string expected =
                "address-space: memory\n" +
                "  0000000000000000-ffffffffffffffff (prio 0, container): system\n" +
                "    0000000000000000-00000000dfffffff (prio 0, ram): alias lomem @pc.ram 0000000000000000-00000000dfffffff\n" +
                "    00000000000a0000-00000000000bffff (prio 1, container): alias vga-window @pci 00000000000a0000-00000000000bffff\n" +
                "    00000000e0000000-00000000ffffffff (prio 0, container): alias pci-hole @pci 00000000e0000000-00000000ffffffff\n" +
                "    0000000100000000-000000011fffffff (prio 0, ram): alias himem @pc.ram 00000000e0000000-00000000ffffffff\n" +
                "\n" +
                "memory-region: pc.ram\n" +
                "  0000000000000000-00000000ffffffff (prio 0, ram): pc.ram\n" +
                "\n" +
                "memory-region: pci\n" +
                "  0000000000000000-00000000ffffffff (prio 0, container): pci\n" +
                "    00000000000a0000-00000000000bffff (prio 0, i/o): vga-area\n" +
                "      00000000000a0000-00000000000a7fff (prio 0, ram): alias vga-alias0 @vram 0000000000010000-0000000000017fff\n" +
                "      00000000000a8000-00000000000affff (prio 0, ram): alias vga-alias1 @vram 0000000000020000-0000000000027fff\n" +
                "    0000000010000000-0000000010000fff (prio 0, i/o): stray-bar\n" +
                "    00000000e1000000-00000000e1ffffff (prio 0, ram): vram\n" +
                "    00000000e2000000-00000000e200ffff (prio 0, i/o): vga-mmio\n" +
                "\n" +
                "memory-region: vram\n" +
                "  00000000e1000000-00000000e1ffffff (prio 0, ram): vram\n" +
                "\n";

            Assert.Equal(expected, pc.Map.FormatTree());
        }
    }

    [Fact]
    public void E4_InfoMtreeF_FlatOutput()
    {
        PcLayout pc = PcLayout.Build();
        using (pc.Map)
        {
            const string expected =
                "FlatView #0\n" +
                " AS \"memory\", root: system\n" +
                " Root memory region: system\n" +
                "  0000000000000000-000000000009ffff (prio 0, ram): pc.ram\n" +
                "  00000000000a0000-00000000000a7fff (prio 0, ram): vram @0000000000010000\n" +
                "  00000000000a8000-00000000000affff (prio 0, ram): vram @0000000000020000\n" +
                "  00000000000b0000-00000000dfffffff (prio 0, ram): pc.ram @00000000000b0000\n" +
                "  00000000e1000000-00000000e1ffffff (prio 0, ram): vram\n" +
                "  00000000e2000000-00000000e200ffff (prio 0, i/o): vga-mmio\n" +
                "  0000000100000000-000000011fffffff (prio 0, ram): pc.ram @00000000e0000000\n" +
                "\n";

            Assert.Equal(expected, pc.Map.FormatFlat());
        }
    }
}
