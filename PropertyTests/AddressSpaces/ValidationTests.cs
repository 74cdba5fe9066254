using RcuCollections.AddressSpaces;

namespace RcuCollections.Tests.AddressSpaces;

/// <summary>Bad input gets clear exceptions and leaves the map unchanged.</summary>
public class ValidationTests
{
    [Fact]
    public void Cycles_ThroughContainment_AreRefused()
    {
        MemoryRegion outer = MemoryRegion.Container("outer", 0x1000);
        MemoryRegion inner = MemoryRegion.Container("inner", 0x100);
        outer.AddSubregion(0, inner);

        Assert.Throws<InvalidOperationException>(() => outer.AddSubregion(0, outer));
        InvalidOperationException ex = Assert.Throws<InvalidOperationException>(() => inner.AddSubregion(0, outer));
        Assert.Contains("cycle", ex.Message);
    }

    [Fact]
    public void Cycles_ThroughAliasTargets_AreRefused_InAMapAndDetached()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            MemoryRegion bus = MemoryRegion.Container("bus", 0x1000);
            MemoryRegion bridge = MemoryRegion.Container("bridge", 0x100);
            bus.AddSubregion(0x100, bridge);
            root.AddSubregion(0, bus);
            FlatView before = space.CurrentView;

            // bridge -> alias(bus) -> bus -> bridge, and a two-alias chain back to the root.
            Assert.Throws<InvalidOperationException>(() => bridge.AddSubregion(0, MemoryRegion.Alias("loop", bus, 0, 0x100)));
            MemoryRegion first = MemoryRegion.Alias("first", root, 0, 0x100);
            MemoryRegion second = MemoryRegion.Alias("second", first, 0, 0x100);
            Assert.Throws<InvalidOperationException>(() => bridge.AddSubregion(0, second));
            Assert.Same(before, space.CurrentView);
            Assert.Empty(bridge.Subregions);
        }

        MemoryRegion detached = MemoryRegion.Container("detached", 0x100);
        MemoryRegion holder = MemoryRegion.Container("holder", 0x100);
        detached.AddSubregion(0, holder);
        Assert.Throws<InvalidOperationException>(() => holder.AddSubregion(0, MemoryRegion.Alias("back", detached, 0, 0x10)));
    }

    [Fact]
    public void ChildAlreadyInAContainer_IsRefused()
    {
        MemoryRegion a = MemoryRegion.Container("a", 0x100);
        MemoryRegion b = MemoryRegion.Container("b", 0x100);
        MemoryRegion child = MemoryRegion.Ram("child", 0x10);
        a.AddSubregion(0, child);

        InvalidOperationException ex = Assert.Throws<InvalidOperationException>(() => b.AddSubregion(0, child));
        Assert.Contains("already mapped in container 'a'", ex.Message);
        Assert.Throws<InvalidOperationException>(() => a.AddSubregion(0x10, child));
    }

    [Fact]
    public void AliasesHaveNoSubregions_AndOnlyAliasesHaveOffsets()
    {
        MemoryRegion alias = MemoryRegion.Alias("alias", MemoryRegion.Ram("ram", 0x100), 0, 0x100);
        Assert.Throws<InvalidOperationException>(() => alias.AddSubregion(0, MemoryRegion.Ram("x", 1)));
        Assert.Throws<InvalidOperationException>(() => MemoryRegion.Ram("plain", 0x10).SetAliasOffset(4));
    }

    [Fact]
    public void RemovingANonChild_IsRefused()
    {
        MemoryRegion a = MemoryRegion.Container("a", 0x100);
        Assert.Throws<InvalidOperationException>(() => a.RemoveSubregion(MemoryRegion.Ram("stranger", 0x10)));
    }

    [Fact]
    public void ARegionBelongsToOneMap()
    {
        (MemoryMap first, MemoryRegion firstRoot, _) = Ranges.NewSystem();
        (MemoryMap second, MemoryRegion secondRoot, _) = Ranges.NewSystem();
        using (first)
        using (second)
        {
            MemoryRegion shared = MemoryRegion.Ram("shared", 0x100);
            firstRoot.AddSubregion(0, shared);
            Assert.Same(first, shared.Map);

            // Directly, through an alias, as the root of an address space, and through a detached container.
            Assert.Throws<InvalidOperationException>(() => secondRoot.AddSubregion(0, MemoryRegion.Alias("peek", shared, 0, 0x10)));
            Assert.Throws<InvalidOperationException>(() => second.CreateAddressSpace("steal", shared));
            MemoryRegion box = MemoryRegion.Container("box", 0x100);
            box.AddSubregion(0, MemoryRegion.Alias("peek2", shared, 0, 0x10));
            Assert.Throws<InvalidOperationException>(() => secondRoot.AddSubregion(0x1000, box));
            Assert.Null(box.Map);

            // Once unreachable (after the commit), it is free to join another map.
            firstRoot.RemoveSubregion(shared);
            Assert.Null(shared.Map);
            secondRoot.AddSubregion(0, shared);
            Assert.Same(second, shared.Map);
        }
    }

    [Fact]
    public void BadArguments_GetArgumentExceptions()
    {
        Assert.Throws<ArgumentNullException>(() => MemoryRegion.Ram(null!, 1));
        Assert.Throws<ArgumentNullException>(() => MemoryRegion.Alias("a", null!, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => MemoryRegion.Container("huge", ((UInt128)1 << 64) + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => MemoryRegion.Mmio("m", 0x10).SetSize(UInt128.MaxValue));
        Assert.Throws<ArgumentException>(() => MemoryRegion.Container("c", 0x10).AddSubregion(0, MemoryRegion.Unassigned));
        Assert.Throws<InvalidOperationException>(() => MemoryRegion.Unassigned.SetEnabled(false));
        Assert.Throws<ArgumentOutOfRangeException>(() => MemoryRegion.Ram("r", 0x10).WriteHostMemory(0x8, new byte[16]));
        Assert.Throws<InvalidOperationException>(() => MemoryRegion.Mmio("m", 0x10).ReadHostMemory(0, new byte[1]));
        using MemoryMap map = new();
        Assert.Throws<ArgumentException>(() => map.CreateAddressSpace("u", MemoryRegion.Unassigned));
    }

    [Fact]
    public void SizeUlongMax_MeansTwoToThe64()
    {
        Assert.Equal((UInt128)1 << 64, MemoryRegion.Container("c", ulong.MaxValue).Size);
        Assert.Equal((UInt128)1 << 64, MemoryRegion.Rom("r", ulong.MaxValue).Size);
        MemoryRegion m = MemoryRegion.Mmio("m", 1);
        m.SetSize(ulong.MaxValue);
        Assert.Equal((UInt128)1 << 64, m.Size);
    }

    [Fact]
    public void MutationFromAListenerCallback_IsRefused()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            MutatingListener listener = new(root);
            using (space.RegisterListener(listener))
            {
                root.AddSubregion(0, MemoryRegion.Ram("ram", 0x10));
            }

            Assert.NotEmpty(listener.Failures);
            Assert.All(listener.Failures, f => Assert.IsType<InvalidOperationException>(f));
            Assert.Equal(["[0x0,0x10) ram @0x0"], Ranges.Of(space));
        }
    }

    [Fact]
    public void ListenerExceptions_AreRethrownAfterTheCommitCompletes()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            using IDisposable registration = space.RegisterListener(new ThrowingListener());
            Assert.Throws<FormatException>(() => root.AddSubregion(0, MemoryRegion.Ram("ram", 0x10)));
            Assert.Equal(["[0x0,0x10) ram @0x0"], Ranges.Of(space));
            Assert.False(map.InTransaction);
        }
    }

    [Fact]
    public void DisposedObjects_ThrowObjectDisposedException()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        space.Dispose();
        space.Dispose();
        Assert.True(space.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => space.RegisterListener(new RecordingListener("x", [])));
        Assert.True(space.Translate(0).IsUnassigned);

        map.Dispose();
        map.Dispose();
        Assert.Throws<ObjectDisposedException>(() => map.BeginTransaction());
        Assert.Throws<ObjectDisposedException>(() => map.CreateAddressSpace("late", MemoryRegion.Container("c", 1)));

        // Its regions are free again.
        Assert.Null(root.Map);
        root.AddSubregion(0, MemoryRegion.Ram("after", 0x10));
    }

    private sealed class MutatingListener(MemoryRegion root) : IMemoryListener
    {
        public List<Exception> Failures { get; } = [];

        public void RegionAdd(FlatRange range)
        {
            Failures.Add(Record.Exception(() => root.AddSubregion(0x1000, MemoryRegion.Ram("from-callback", 0x10)))!);
            Failures.Add(Record.Exception(() => range.Region.SetEnabled(false))!);
        }

        public void Commit() => Failures.Add(Record.Exception(() => root.Map!.BeginTransaction())!);
    }

    private sealed class ThrowingListener : IMemoryListener
    {
        public void RegionAdd(FlatRange range) => throw new FormatException("listener failure");
    }
}
