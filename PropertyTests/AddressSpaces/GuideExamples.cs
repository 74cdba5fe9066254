using RcuCollections.AddressSpaces;

namespace RcuCollections.Tests.AddressSpaces;

/// <summary>The examples quoted by docs/address-space.md, run as tests so the guide cannot rot.</summary>
public class GuideExamples
{
    [Fact]
    public void BuildAMachine_AndTranslate()
    {
        // Regions are built and nested freely; nothing is shared until an address space uses them.
        MemoryRegion system = MemoryRegion.Container("system", ulong.MaxValue); // ulong.MaxValue means 2^64
        MemoryRegion ram = MemoryRegion.Ram("pc.ram", 0x1_0000_0000);
        system.AddSubregion(0, MemoryRegion.Alias("ram-below-4g", ram, 0, 0xE000_0000));
        system.AddSubregion(0xFEE0_0000, MemoryRegion.Mmio("lapic", 0x1000), priority: 4096);

        using MemoryMap map = new();                                  // RcuDomain.Default unless given one
        AddressSpace memory = map.CreateAddressSpace("memory", system);

        TranslationResult hit = memory.Translate(0x1234);             // lock-free, inside its own read section
        Assert.Same(ram, hit.Region);                                 // the terminating region, never the alias
        Assert.Equal(0x1234UL, hit.OffsetInRegion);
        Assert.True(memory.Translate(0xF000_0000).IsUnassigned);      // holes give the unassigned result
        Assert.Contains("ram-below-4g", map.FormatTree());           // info mtree
        Assert.Contains("pc.ram", map.FormatFlat());                  // info mtree -f
    }

    [Fact]
    public void ReprogramBars_InOneTransaction()
    {
        (MemoryMap map, MemoryRegion pci, AddressSpace memory) = Ranges.NewSystem();
        using (map)
        {
            MemoryRegion bar0 = MemoryRegion.Mmio("bar0", 0x1000);
            MemoryRegion bar1 = MemoryRegion.Mmio("bar1", 0x1000);
            pci.AddSubregion(0xE000_0000, bar0, 1);
            pci.AddSubregion(0xE000_1000, bar1, 1);

            // Readers see the old view until the outermost transaction ends, then both moves at once.
            using (map.BeginTransaction())
            {
                bar0.SetAddress(0xE010_0000);
                bar1.SetAddress(0xE010_1000);
            }

            Assert.Same(bar1, memory.Translate(0xE010_1000).Region);
        }
    }

    [Fact]
    public void AKvmStyleListener_AppliesDeletionsThenAdditions()
    {
        (MemoryMap map, MemoryRegion system, AddressSpace memory) = Ranges.NewSystem();
        using (map)
        {
            SlotListener kvm = new();
            using IDisposable registration = memory.RegisterListener(kvm, priority: 10); // replays the current view
            system.AddSubregion(0, MemoryRegion.Ram("ram", 0x10000));
            Assert.Equal(memory.CurrentView.Ranges, kvm.Slots.Values);
        }
    }

    [Fact]
    public void UnmapABlob_WhileAVcpuSpins_ThenExpedite()
    {
        using RcuDomain domain = new();
        (MemoryMap map, MemoryRegion hostmem, AddressSpace memory) = Ranges.NewSystem(domain);
        using (map)
        {
            using ManualResetEventSlim released = new();
            MemoryRegion blob = MemoryRegion.Ram("blob", 0x10000);
            blob.Owner = MemoryRegionOwner.Create(released.Set); // e.g. unmap the host memory behind the blob
            hostmem.AddSubregion(0x100_0000, blob, 1);

            hostmem.RemoveSubregion(blob);   // publishes a view without the blob; the old view waits for readers
            domain.Expedite();               // force the grace period now instead of after the polling budget
            Assert.True(released.Wait(TimeSpan.FromSeconds(10)));
        }
    }

    [Fact]
    public void AVcpuHoldsOneSection_AroundTranslateAndUse()
    {
        (MemoryMap map, MemoryRegion system, AddressSpace memory) = Ranges.NewSystem();
        using (map)
        {
            system.AddSubregion(0, MemoryRegion.Ram("ram", 0x10000));
            Span<byte> buffer = stackalloc byte[8];

            // The owner of a translated region is not released while this section is open.
            using (map.Domain.ReadLock())
            {
                TranslationResult t = memory.Translate(0x100);
                t.Region.ReadHostMemory(t.OffsetInRegion, buffer);
                if (map.Domain.ForceRequested)
                {
                    map.Domain.Quiescent(); // a long-running vCPU reports a quiescent state; t is stale after this
                }
            }

            Assert.Equal(MemoryTransactionResult.Ok, memory.Write(0x100, buffer));
        }
    }

    /// <summary>An incremental (KVM memslot-like) listener.</summary>
    private sealed class SlotListener : IMemoryListener
    {
        public SortedDictionary<ulong, FlatRange> Slots { get; } = [];

        public void RegionAdd(FlatRange range) => Slots.Add(range.Start, range);

        public void RegionDel(FlatRange range) => Slots.Remove(range.Start);
    }
}
