using RcuCollections.AddressSpaces;

namespace RcuCollections.Tests.AddressSpaces;

/// <summary>
/// The E4 tree of docs/design/address-space-rendering.md §1.4: pc.ram through lo/hi aliases, the PCI hole and a
/// VGA window onto nested vram aliases.
/// </summary>
internal sealed class PcLayout
{
    public static readonly string[] ExpectedE4 =
    [
        "[0x0,0xa0000) pc.ram @0x0",
        "[0xa0000,0xa8000) vram @0x10000",
        "[0xa8000,0xb0000) vram @0x20000",
        "[0xb0000,0xe0000000) pc.ram @0xb0000",
        "[0xe1000000,0xe2000000) vram @0x0",
        "[0xe2000000,0xe2010000) vga-mmio @0x0",
        "[0x100000000,0x120000000) pc.ram @0xe0000000",
    ];

    private PcLayout(MemoryMap map, AddressSpace space, MemoryRegion system, MemoryRegion pci, MemoryRegion vram, MemoryRegion vgaAlias1)
    {
        Map = map;
        Space = space;
        System = system;
        Pci = pci;
        Vram = vram;
        VgaAlias1 = vgaAlias1;
    }

    public MemoryMap Map { get; }

    public AddressSpace Space { get; }

    public MemoryRegion System { get; }

    public MemoryRegion Pci { get; }

    public MemoryRegion Vram { get; }

    public MemoryRegion VgaAlias1 { get; }

    public static PcLayout Build(RcuDomain? domain = null)
    {
        MemoryRegion pcRam = MemoryRegion.Ram("pc.ram", 0x1_0000_0000);
        MemoryRegion pci = MemoryRegion.Container("pci", 0x1_0000_0000);
        MemoryRegion system = MemoryRegion.Container("system", ulong.MaxValue);
        MemoryRegion vram = MemoryRegion.Ram("vram", 16 << 20);

        MemoryRegion vgaArea = MemoryRegion.Container("vga-area", 0x20000);
        MemoryRegion alias1 = MemoryRegion.Alias("vga-alias1", vram, 0x20000, 0x8000);
        vgaArea.AddSubregion(0, MemoryRegion.Alias("vga-alias0", vram, 0x10000, 0x8000));
        vgaArea.AddSubregion(0x8000, alias1);
        pci.AddSubregion(0xA0000, vgaArea);
        pci.AddSubregion(0xE1000000, vram);
        pci.AddSubregion(0xE2000000, MemoryRegion.Mmio("vga-mmio", 0x10000));
        pci.AddSubregion(0x10000000, MemoryRegion.Mmio("stray-bar", 0x1000));

        system.AddSubregion(0, MemoryRegion.Alias("lomem", pcRam, 0, 0xE0000000));
        system.AddSubregion(0x1_0000_0000, MemoryRegion.Alias("himem", pcRam, 0xE0000000, 0x20000000));
        system.AddSubregion(0xA0000, MemoryRegion.Alias("vga-window", pci, 0xA0000, 0x20000), 1);
        system.AddSubregion(0xE0000000, MemoryRegion.Alias("pci-hole", pci, 0xE0000000, 0x20000000));

        MemoryMap map = new(domain);
        AddressSpace space = map.CreateAddressSpace("memory", system);
        return new PcLayout(map, space, system, pci, vram, alias1);
    }
}
