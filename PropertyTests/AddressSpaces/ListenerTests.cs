using FsCheck;
using FsCheck.Fluent;
using RcuCollections.AddressSpaces;
using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.AddressSpaces;

/// <summary>Listener ordering, priorities and replays (docs/design/address-space-rendering.md §2), and the replay
/// invariant.</summary>
public class ListenerTests
{
    [Fact]
    public void Commit_CallsListenersInQemuOrder()
    {
        using MemoryMap map = new();
        MemoryRegion rootA = MemoryRegion.Container("a", ulong.MaxValue);
        MemoryRegion rootB = MemoryRegion.Container("b", ulong.MaxValue);
        MemoryRegion r0 = MemoryRegion.Ram("r0", 0x10);
        MemoryRegion r1 = MemoryRegion.Ram("r1", 0x10);
        rootA.AddSubregion(0, r0);
        rootA.AddSubregion(0x100, r1);
        rootB.AddSubregion(0, MemoryRegion.Ram("s0", 0x10));
        AddressSpace a = map.CreateAddressSpace("a", rootA);
        AddressSpace b = map.CreateAddressSpace("b", rootB);

        List<string> log = [];
        a.RegisterListener(new RecordingListener("L1", log), 10);
        a.RegisterListener(new RecordingListener("L2", log), 0);
        b.RegisterListener(new RecordingListener("L3", log), 0);
        a.RegisterListener(new RecordingListener("L4", log), 10);
        b.RegisterListener(new RecordingListener("L5", log), 5);
        log.Clear();

        using (map.BeginTransaction())
        {
            rootA.RemoveSubregion(r1);
            rootA.AddSubregion(0x200, MemoryRegion.Ram("r2", 0x10));
        }

        Assert.Equal(
            [
                "L2:begin", "L3:begin", "L5:begin", "L1:begin", "L4:begin",
                "L4:del [0x100,0x110) r1 @0x0", "L1:del [0x100,0x110) r1 @0x0", "L2:del [0x100,0x110) r1 @0x0",
                "L2:nop [0x0,0x10) r0 @0x0", "L1:nop [0x0,0x10) r0 @0x0", "L4:nop [0x0,0x10) r0 @0x0",
                "L2:add [0x200,0x210) r2 @0x0", "L1:add [0x200,0x210) r2 @0x0", "L4:add [0x200,0x210) r2 @0x0",
                "L3:nop [0x0,0x10) s0 @0x0", "L5:nop [0x0,0x10) s0 @0x0",
                "L2:commit", "L3:commit", "L5:commit", "L1:commit", "L4:commit",
            ],
            log);
    }

    [Fact]
    public void ChangedAttributesAtTheSameStart_AreDelThenAdd()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            MemoryRegion ram = MemoryRegion.Ram("ram", 0x10);
            root.AddSubregion(0, ram);
            List<string> log = [];
            space.RegisterListener(new RecordingListener("L", log));
            log.Clear();

            ram.SetReadOnly(true);

            Assert.Equal(["L:begin", "L:del [0x0,0x10) ram @0x0", "L:add [0x0,0x10) ram @0x0 ro", "L:commit"], log);
        }
    }

    [Fact]
    public void Registration_ReplaysTheCurrentView_AndUnregistrationDeletesIt()
    {
        PcLayout pc = PcLayout.Build();
        using (pc.Map)
        {
            List<string> log = [];
            RecordingListener listener = new("L", log);
            IDisposable registration = pc.Space.RegisterListener(listener);

            Assert.Equal(
                ["L:begin", .. PcLayout.ExpectedE4.Select(r => "L:add " + r), "L:commit"],
                log);
            Assert.Throws<InvalidOperationException>(() => pc.Space.RegisterListener(listener));

            log.Clear();
            registration.Dispose();
            Assert.Equal(
                ["L:begin", .. PcLayout.ExpectedE4.Select(r => "L:del " + r), "L:commit"],
                log);

            log.Clear();
            pc.VgaAlias1.SetAliasOffset(0x18000);
            Assert.Empty(log);
            Assert.False(pc.Space.UnregisterListener(listener));
        }
    }

    [Fact]
    public void DestroyingAnAddressSpace_DeletesEveryRangeForItsListeners()
    {
        PcLayout pc = PcLayout.Build();
        using (pc.Map)
        {
            List<string> log = [];
            RecordingListener listener = new("L", log);
            pc.Space.RegisterListener(listener);
            pc.Space.Dispose();

            Assert.Empty(listener.Ranges);
            Assert.Equal("L:commit", log[^1]);
        }
    }

    [Fact]
    public void ReplayInvariant_DelAndAddEventsTransformTheOldRangesIntoTheNew() =>
        Prop.ForAll(RandomTreeRecipe.Arbitrary, MutationScript.Arbitrary, (recipe, script) =>
        {
            (MemoryRegion root, MemoryRegion[] regions) = recipe.Build();
            using MemoryMap map = new();
            AddressSpace space = map.CreateAddressSpace("memory", root);
            List<string> log = [];
            RecordingListener incremental = new("kvm", log);
            space.RegisterListener(incremental, 10);
            RebuildListener rebuild = new();
            space.RegisterListener(rebuild, 0);

            foreach (MutationStep[] batch in script.Batches)
            {
                using (batch.Length > 1 ? map.BeginTransaction() : null)
                {
                    foreach (MutationStep step in batch)
                    {
                        step.Apply(regions);
                    }
                }

                Assert.Equal(space.CurrentView.Ranges, incremental.Ranges.Values);
                Assert.Equal(space.CurrentView.Ranges, rebuild.Ranges);
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(StressTier.Pick(150, 2000)));

    /// <summary>A vhost-style listener: clears a scratch table on begin, appends on add and nop, swaps on commit.</summary>
    private sealed class RebuildListener : IMemoryListener
    {
        private List<FlatRange> _scratch = [];

        public List<FlatRange> Ranges { get; private set; } = [];

        public void Begin() => _scratch = [];

        public void RegionAdd(FlatRange range) => _scratch.Add(range);

        public void RegionNop(FlatRange range) => _scratch.Add(range);

        public void Commit() => Ranges = _scratch.OrderBy(r => r.Start).ToList();
    }
}
