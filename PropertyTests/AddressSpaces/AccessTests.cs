using System.Buffers.Binary;
using RcuCollections.AddressSpaces;

namespace RcuCollections.Tests.AddressSpaces;

/// <summary>Read and Write through address spaces: RAM, ROM, MMIO, aliases, holes.</summary>
public class AccessTests
{
    [Fact]
    public void Ram_RoundTripsThroughAliases_IntoTheTargetsMemory()
    {
        PcLayout pc = PcLayout.Build();
        using (pc.Map)
        {
            byte[] data = [1, 2, 3, 4, 5, 6, 7, 8];
            Assert.Equal(MemoryTransactionResult.Ok, pc.Space.Write(0x1000, data));
            Assert.Equal(MemoryTransactionResult.Ok, pc.Space.Write(0x1_0000_0010, data));

            byte[] back = new byte[8];
            Assert.Equal(MemoryTransactionResult.Ok, pc.Space.Read(0x1000, back));
            Assert.Equal(data, back);

            MemoryRegion pcRam = pc.Space.Translate(0x1000).Region;
            pcRam.ReadHostMemory(0xE0000010, back);
            Assert.Equal(data, back);

            // The VGA window shows vram at 0x10000 through vga-alias0.
            pc.Vram.WriteHostMemory(0x10000, data);
            Assert.Equal(MemoryTransactionResult.Ok, pc.Space.Read(0xA0000, back));
            Assert.Equal(data, back);
        }
    }

    [Fact]
    public void Rom_DropsWrites_ButLoadsThroughHostMemory()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            MemoryRegion bios = MemoryRegion.Rom("bios", 0x1000);
            bios.WriteHostMemory(0, [0xEA, 0x5B]);
            root.AddSubregion(0xFFFF_0000, bios);

            Assert.Equal(MemoryTransactionResult.DecodeError, space.Write(0xFFFF_0000, [0, 0]));
            byte[] back = new byte[2];
            Assert.Equal(MemoryTransactionResult.Ok, space.Read(0xFFFF_0000, back));
            Assert.Equal([0xEA, 0x5B], back);
        }
    }

    [Fact]
    public void ReadOnlyAliasOfRam_DropsWrites_TheEffectiveFlagIsHonoured()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            MemoryRegion ram = MemoryRegion.Ram("ram", 0x1000);
            MemoryRegion alias = MemoryRegion.Alias("ro", ram, 0, 0x1000);
            alias.SetReadOnly(true);
            root.AddSubregion(0, ram);
            root.AddSubregion(0x10000, alias);

            Assert.Equal(MemoryTransactionResult.DecodeError, space.Write(0x10000, [9]));
            Assert.Equal(MemoryTransactionResult.Ok, space.Write(0, [7]));
            byte[] back = new byte[1];
            space.Read(0x10000, back);
            Assert.Equal(7, back[0]);
        }
    }

    [Fact]
    public void Mmio_IsSplitIntoAlignedAccessesOfAtMost8Bytes()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            RegisterFile device = new();
            root.AddSubregion(0x1000, MemoryRegion.Mmio("dev", 0x100, device));

            byte[] data = Enumerable.Range(1, 13).Select(i => (byte)i).ToArray();
            Assert.Equal(MemoryTransactionResult.Ok, space.Write(0x1003, data));
            Assert.Equal(["W 3/1", "W 4/4", "W 8/8"], device.Log);

            device.Log.Clear();
            byte[] back = new byte[13];
            Assert.Equal(MemoryTransactionResult.Ok, space.Read(0x1003, back));
            Assert.Equal(["R 3/1", "R 4/4", "R 8/8"], device.Log);
            Assert.Equal(data, back);
        }
    }

    [Fact]
    public void Holes_AndReservations_ReadZero_DropWrites_AndReportDecodeErrors()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            MemoryRegion ram = MemoryRegion.Ram("ram", 0x10);
            ram.WriteHostMemory(0, Enumerable.Repeat((byte)0xAA, 0x10).ToArray());
            root.AddSubregion(0x100, ram);
            root.AddSubregion(0x120, MemoryRegion.Mmio("reserved", 0x10));

            byte[] back = Enumerable.Repeat((byte)0xFF, 0x30).ToArray();
            Assert.Equal(MemoryTransactionResult.DecodeError, space.Read(0xF8, back));
            Assert.All(back[..8], b => Assert.Equal(0, b));
            Assert.All(back[8..0x18], b => Assert.Equal(0xAA, b));
            Assert.All(back[0x18..], b => Assert.Equal(0, b));

            Assert.Equal(MemoryTransactionResult.DecodeError, space.Write(0x120, [1, 2, 3]));
            Assert.Equal(MemoryTransactionResult.DecodeError, space.Write(0x5000, [1]));
        }
    }

    [Fact]
    public void AccessesRunToTheTopOfTheAddressSpace_AndStopThere()
    {
        // QEMU's hwaddr arithmetic would wrap the tail of such an access to address 0; here the bytes past 2^64 - 1 are
        // dropped (writes) or read as 0 (reads) with DecodeError, so a write at the top never lands at the bottom
        // (docs/address-space.md, "Reads and writes").
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            root.AddSubregion(ulong.MaxValue - 3, MemoryRegion.Ram("top", 4));
            root.AddSubregion(0, MemoryRegion.Ram("bottom", 4));

            Assert.Equal(MemoryTransactionResult.DecodeError, space.Write(ulong.MaxValue - 3, [1, 2, 3, 4, 5, 6, 7, 8]));
            byte[] back = new byte[4];
            Assert.Equal(MemoryTransactionResult.Ok, space.Read(0, back));
            Assert.Equal([0, 0, 0, 0], back);
            byte[] top = new byte[8];
            Assert.Equal(MemoryTransactionResult.DecodeError, space.Read(ulong.MaxValue - 3, top));
            Assert.Equal([1, 2, 3, 4, 0, 0, 0, 0], top);
        }
    }

    private sealed class RegisterFile : IMmioHandler
    {
        private readonly byte[] _bytes = new byte[0x100];

        public List<string> Log { get; } = [];

        public ulong Read(ulong offset, int size)
        {
            Log.Add($"R {offset}/{size}");
            Span<byte> value = stackalloc byte[8];
            _bytes.AsSpan((int)offset, size).CopyTo(value);
            return BinaryPrimitives.ReadUInt64LittleEndian(value);
        }

        public void Write(ulong offset, ulong value, int size)
        {
            Log.Add($"W {offset}/{size}");
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
            bytes[..size].CopyTo(_bytes.AsSpan((int)offset));
        }
    }
}
