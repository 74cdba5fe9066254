using RcuCollections.AddressSpaces;

namespace RcuCollections.Tests.AddressSpaces;

/// <summary><see cref="AddressSpace.Translate(ulong, RcuThreadReader)"/>: the vCPU loop's Translate, through the thread's reader.</summary>
public class ThreadReaderTranslateTests
{
    [Fact]
    public void ThroughTheThreadReader_TranslatesExactlyAsPerCall()
    {
        PcLayout pc = PcLayout.Build();
        using (pc.Map)
        {
            RcuThreadReader reader = pc.Map.Domain.GetThreadReader();
            foreach (ulong address in new ulong[] { 0, 0x1000, 0xA0000, 0xFFFF_FFF0, 0x1_0000_0010, ulong.MaxValue })
            {
                Assert.Equal(pc.Space.Translate(address), pc.Space.Translate(address, reader));
            }
            Assert.False(reader.InReadSection);
        }
    }

    [Fact]
    public void AReaderOfAnotherDomain_OrADefaultOne_IsRefused()
    {
        using var domain = new RcuDomain();
        var map = new MemoryMap(domain);
        MemoryRegion root = MemoryRegion.Container("root", ulong.MaxValue);
        AddressSpace space = map.CreateAddressSpace("memory", root);
        using (map)
        {
            using var other = new RcuDomain();
            RcuThreadReader wrong = other.GetThreadReader();
            ArgumentException e = Assert.Throws<ArgumentException>(() => space.Translate(0, other.GetThreadReader()));
            Assert.Equal("reader", e.ParamName);
            Assert.Throws<InvalidOperationException>(() => space.Translate(0, default(RcuThreadReader)));
            _ = wrong;
            Assert.True(space.Translate(0, domain.GetThreadReader()).IsUnassigned);
        }
    }
}
