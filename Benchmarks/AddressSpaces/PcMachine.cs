using RcuCollections.AddressSpaces;

namespace RcuCollections.Benchmarks.AddressSpaces;

/// <summary>
/// The PC-like layout of docs/design/address-space-rendering.md §6 workload 1: pc.ram through lo/hi aliases (3.5 GiB +
/// 0.5 GiB above 4 GiB), 13 PAM aliases (some write-protected), a closed SMRAM window and the VGA window (prio 1), a
/// pci-hole alias with about 30 BARs (vram, 4 KiB MMIO, sub-page registers), the BIOS ROM at 0xFFFC0000 plus an
/// isa-bios alias, ioapic, hpet and LAPIC-MSI at prio 4096. Extra devices (3 ranges each, one of them sub-page) scale
/// the view to ~1,000 ranges.
/// </summary>
internal sealed class PcMachine : IDisposable
{
    private PcMachine(MemoryMap map, AddressSpace memory, MemoryRegion system, MemoryRegion pci, List<MemoryRegion> bars)
    {
        Map = map;
        Memory = memory;
        System = system;
        Pci = pci;
        Bars = bars;
    }

    public MemoryMap Map { get; }

    public AddressSpace Memory { get; }

    public MemoryRegion System { get; }

    public MemoryRegion Pci { get; }

    /// <summary>Movable, toggleable MMIO BARs (in the PCI address space).</summary>
    public List<MemoryRegion> Bars { get; }

    /// <summary>The number of extra devices that brings the view to about <paramref name="ranges"/> ranges.</summary>
    public static int DevicesFor(int ranges) => Math.Max(0, (ranges - 60) / 3);

    public static PcMachine Create(RcuDomain? domain = null, int extraDevices = 0)
    {
        MemoryRegion system = MemoryRegion.Container("system", ulong.MaxValue);
        MemoryRegion pcRam = MemoryRegion.Ram("pc.ram", 0x1_0000_0000);
        MemoryRegion pci = MemoryRegion.Container("pci", ulong.MaxValue);
        List<MemoryRegion> bars = [];

        system.AddSubregion(0, MemoryRegion.Alias("ram-below-4g", pcRam, 0, 0xE000_0000));
        system.AddSubregion(0x1_0000_0000, MemoryRegion.Alias("ram-above-4g", pcRam, 0xE000_0000, 0x2000_0000));

        // PAM: 12 x 16 KiB at 0xC0000..0xEFFFF and 64 KiB at 0xF0000; every other one write-protected (shadowed BIOS).
        for (int i = 0; i < 13; i++)
        {
            ulong start = i < 12 ? 0xC0000 + ((ulong)i * 0x4000) : 0xF0000;
            ulong size = i < 12 ? 0x4000UL : 0x10000UL;
            MemoryRegion pam = MemoryRegion.Alias($"pam-ram-{i}", pcRam, start, size);
            pam.SetReadOnly(i % 2 == 1);
            system.AddSubregion(start, pam, 1);
        }

        MemoryRegion smram = MemoryRegion.Alias("smram-region", pcRam, 0xA0000, 0x20000);
        smram.SetEnabled(false);
        system.AddSubregion(0xA0000, smram, 1);
        system.AddSubregion(0xA0000, MemoryRegion.Alias("vga-window", pci, 0xA0000, 0x20000), 1);
        system.AddSubregion(0xE000_0000, MemoryRegion.Alias("pci-hole", pci, 0xE000_0000, 0x2000_0000));

        MemoryRegion bios = MemoryRegion.Rom("pc.bios", 0x40000);
        pci.AddSubregion(0xFFFC_0000, bios);
        system.AddSubregion(0xE0000, MemoryRegion.Alias("isa-bios", bios, 0x20000, 0x20000), 1);
        system.AddSubregion(0xFEC0_0000, MemoryRegion.Mmio("ioapic", 0x1000), 1);
        system.AddSubregion(0xFED0_0000, MemoryRegion.Mmio("hpet", 0x400), 1);
        system.AddSubregion(0xFEE0_0000, MemoryRegion.Mmio("lapic-msi", 0x10_0000), 4096);

        pci.AddSubregion(0xA0000, MemoryRegion.Mmio("vga-lowmem", 0x20000), 1);
        pci.AddSubregion(0xE100_0000, MemoryRegion.Ram("vga.vram", 16 << 20), 1);
        AddBar(pci, bars, "vga.mmio", 0xE200_0000, 0x1000);
        AddBar(pci, bars, "e1000-mmio", 0xE202_0000, 0x20000);
        AddBar(pci, bars, "ahci-abar", 0xE204_0000, 0x2000);
        AddBar(pci, bars, "usb-ehci", 0xE204_4000, 0x1000);
        for (int i = 0; i < 20; i++)
        {
            AddBar(pci, bars, $"virtio-{i}", 0xE210_0000 + ((ulong)i * 0x4000), 0x1000);
        }

        for (int i = 0; i < 4; i++)
        {
            // Sub-page registers packed into one page (an SoC-style block).
            AddBar(pci, bars, $"smbus-{i}", 0xE205_0000 + ((ulong)i * 0x40), 0x40);
        }

        for (int d = 0; d < extraDevices; d++)
        {
            ulong device = 0xE400_0000 + ((ulong)d * 0x2_0000);
            AddBar(pci, bars, $"dev{d}.bar0", device, 0x1000);
            AddBar(pci, bars, $"dev{d}.regs", device + 0x8000, 0x40);
            AddBar(pci, bars, $"dev{d}.bar2", device + 0x1_0000, 0x4000);
        }

        MemoryMap map = new(domain);
        AddressSpace memory = map.CreateAddressSpace("memory", system);
        return new PcMachine(map, memory, system, pci, bars);
    }

    public void Dispose() => Map.Dispose();

    private static void AddBar(MemoryRegion pci, List<MemoryRegion> bars, string name, ulong address, ulong size)
    {
        MemoryRegion bar = MemoryRegion.Mmio(name, size);
        pci.AddSubregion(address, bar, 1);
        bars.Add(bar);
    }
}
