using RcuCollections.AddressSpaces;
using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.Hostile;

/// <summary>
/// Every public entry point of the address-space map (<see cref="MemoryMap"/>, <see cref="AddressSpace"/>,
/// <see cref="MemoryRegion"/>, leases, listener registrations) under bad input, disposal of the map, the space or the
/// domain (in and out of transactions, and racing readers), and throwing user code (listeners, MMIO handlers): the
/// exception propagates, and afterwards the tree, the published view and what listeners were told agree exactly.
/// ValidationTests and LifetimeTests cover the single-call cases; this is the hostile layer on top.
/// </summary>
public sealed class HostileAddressSpaceTests
{
    private static readonly int Trials = StressTier.Pick(150, 1500);

    private static (MemoryMap Map, MemoryRegion Root, AddressSpace Space, RcuDomain Domain) NewSystem()
    {
        var domain = new RcuDomain(new RcuOptions { PollInterval = TimeSpan.FromMilliseconds(1) });
        var map = new MemoryMap(domain);
        MemoryRegion root = MemoryRegion.Container("system", ulong.MaxValue);
        AddressSpace space = map.CreateAddressSpace("memory", root);
        return (map, root, space, domain);
    }

    private static string[] RangesOf(AddressSpace space) => space.CurrentView.Ranges.Select(r => r.ToString()).ToArray();

    /// <summary>What a fresh map renders for the same tree, for comparing the published view with the tree.</summary>
    private static string[] Rendered(Func<MemoryRegion> buildRoot)
    {
        using var map = new MemoryMap();
        return RangesOf(map.CreateAddressSpace("reference", buildRoot()));
    }

    // ---- (a) bad input -------------------------------------------------------------------------------------------

    [Fact]
    public void BadArguments_EveryEntryPoint_NameTheirParameter_AndChangeNothing()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space, RcuDomain domain) = NewSystem();
        using (domain)
        using (map)
        {
            MemoryRegion ram = MemoryRegion.Ram("ram", 0x1000);
            root.AddSubregion(0x1000, ram);
            string[] before = RangesOf(space);
            Hammer.Param<ArgumentNullException>("name", () => map.CreateAddressSpace(null!, MemoryRegion.Container("c", 1)));
            Hammer.Param<ArgumentNullException>("root", () => map.CreateAddressSpace("x", null!));
            Hammer.Param<ArgumentException>("root", () => map.CreateAddressSpace("x", MemoryRegion.Unassigned));
            Hammer.Param<ArgumentNullException>("listener", () => space.RegisterListener(null!));
            Hammer.Param<ArgumentNullException>("listener", () => space.UnregisterListener(null!));
            Hammer.Param<ArgumentNullException>("child", () => root.AddSubregion(0, null!));
            Hammer.Param<ArgumentNullException>("child", () => root.RemoveSubregion(null!));
            Hammer.Param<ArgumentException>("child", () => root.AddSubregion(0, MemoryRegion.Unassigned));
            Hammer.Param<ArgumentNullException>("name", () => MemoryRegion.Container(null!, 1));
            Hammer.Param<ArgumentNullException>("name", () => MemoryRegion.Ram(null!, 1));
            Hammer.Param<ArgumentNullException>("name", () => MemoryRegion.Rom(null!, 1));
            Hammer.Param<ArgumentNullException>("name", () => MemoryRegion.Mmio(null!, 1));
            Hammer.Param<ArgumentNullException>("name", () => MemoryRegion.Alias(null!, ram, 0, 1));
            Hammer.Param<ArgumentNullException>("target", () => MemoryRegion.Alias("a", null!, 0, 1));
            Hammer.Param<ArgumentException>("target", () => MemoryRegion.Alias("a", MemoryRegion.Unassigned, 0, 1));
            Hammer.Param<ArgumentOutOfRangeException>("size", () => MemoryRegion.Container("c", ((UInt128)1 << 64) + 1));
            Hammer.Param<ArgumentOutOfRangeException>("size", () => ram.SetSize(UInt128.MaxValue));
            Hammer.Param<ArgumentOutOfRangeException>("offset", () => ram.WriteHostMemory(0xFFF, new byte[2]));
            Hammer.Param<ArgumentOutOfRangeException>("offset", () => ram.ReadHostMemory(ulong.MaxValue, new byte[2]));
            Assert.Throws<InvalidOperationException>(() => root.AddSubregion(0, ram)); // already mapped
            Assert.Throws<InvalidOperationException>(() => root.RemoveSubregion(MemoryRegion.Ram("stranger", 1)));
            Assert.Equal(before, RangesOf(space));
            Assert.Same(root, ram.Parent);
            Assert.Equal(0, map.AddressSpaces.Count(s => s.Name == "x"));
        }
    }

    /// <summary>
    /// Finding H6. An access that runs past 2^64 wraps its address to 0 (unchecked add) and reads or writes whatever
    /// is mapped at the bottom of the address space. The bytes past the top must not come from address 0: they are
    /// outside the address space, so they are a decode error (as a hole is), and a write must not land at 0.
    /// </summary>
    [Fact]
    public void AccessAcrossTheTopOfTheAddressSpace_DoesNotWrapToZero()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space, RcuDomain domain) = NewSystem();
        using (domain)
        using (map)
        {
            MemoryRegion low = MemoryRegion.Ram("low", 0x1000);
            MemoryRegion top = MemoryRegion.Ram("top", 0x1000);
            root.AddSubregion(0, low);
            root.AddSubregion(ulong.MaxValue - 0xFFF, top);
            low.WriteHostMemory(0, [0xAA, 0xBB]);
            top.WriteHostMemory(0xFFF, [0x11]);
            var buffer = new byte[3];
            MemoryTransactionResult read = space.Read(ulong.MaxValue, buffer);
            Assert.Equal(0x11, buffer[0]);
            Assert.True(buffer[1] == 0 && buffer[2] == 0, $"bytes past 2^64 were read from address 0: {Convert.ToHexString(buffer)} ({read})");
            MemoryTransactionResult write = space.Write(ulong.MaxValue, [0x22, 0x33]);
            var bottom = new byte[1];
            low.ReadHostMemory(0, bottom);
            Assert.True(bottom[0] == 0xAA, $"a write past 2^64 landed at address 0 ({write})");
        }
    }

    // ---- (b) disposal --------------------------------------------------------------------------------------------

    /// <summary>
    /// After the map is disposed, every entry point of the map, its spaces, leases and registrations either works on
    /// the now detached objects or throws ObjectDisposedException; idempotent Dispose methods stay quiet (D7); nothing
    /// hangs; regions are free to join another map.
    /// </summary>
    [Fact]
    public void DisposedMap_EveryEntryPoint_WorksOrThrowsDisposed_DisposeIsIdempotent()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space, RcuDomain domain) = NewSystem();
        using (domain)
        {
            MemoryRegion ram = MemoryRegion.Ram("ram", 0x1000);
            root.AddSubregion(0, ram);
            var listener = new CountingListener();
            IDisposable registration = space.RegisterListener(listener);
            FlatViewLease lease = space.AcquireView();
            map.Dispose();

            var errors = new List<string>();
            void Check(string what, Action call)
            {
                Exception? e = Hammer.OnFreshThread(call);
                if (e is not null and not ObjectDisposedException) errors.Add($"{what}: {e.GetType().Name}: {e.Message}");
            }
            void Quiet(string what, Action call)
            {
                Exception? e = Hammer.OnFreshThread(call);
                if (e is not null) errors.Add($"{what} must not throw: {e.GetType().Name}: {e.Message}");
            }

            Quiet("map.Dispose again", map.Dispose);
            Quiet("space.Dispose after map.Dispose (D7)", space.Dispose);
            Quiet("registration.Dispose after map.Dispose (D7)", registration.Dispose);
            Quiet("lease.Dispose", lease.Dispose);
            Quiet("lease.Dispose again", lease.Dispose);
            Check("space.Translate", () => Assert.True(space.Translate(0).IsUnassigned));
            Check("space.Read", () => space.Read(0, new byte[4]));
            Check("space.Write", () => space.Write(0, new byte[4]));
            Check("space.AcquireView", () => space.AcquireView().Dispose());
            Check("space.RegisterListener", () => space.RegisterListener(new CountingListener()));
            Check("space.UnregisterListener", () => space.UnregisterListener(listener));
            Check("map.BeginTransaction", () => map.BeginTransaction().Dispose());
            Check("map.CreateAddressSpace", () => map.CreateAddressSpace("late", MemoryRegion.Container("c", 1)));
            Check("map.FormatTree", () => map.FormatTree());
            Check("map.FormatFlat", () => map.FormatFlat());
            Check("map.AddressSpaces", () => Assert.Empty(map.AddressSpaces));
            Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));

            // Detached regions are free again and usable in a new map.
            Assert.Null(ram.Map);
            using var other = new MemoryMap(domain);
            AddressSpace again = other.CreateAddressSpace("again", root);
            Assert.Same(ram, again.Translate(0x10).Region);
            Assert.Equal(listener.Adds, listener.Dels); // the listener was told about every range it was given
        }
    }

    /// <summary>
    /// Disposing the map inside its own open transaction (D6): no hang, no exception from the transaction's dispose,
    /// the writer lock is released, the regions are free, and the domain sees no leaked reference.
    /// </summary>
    [Fact]
    public void MapDisposedInsideItsTransaction_ReleasesEverything()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space, RcuDomain domain) = NewSystem();
        using (domain)
        {
            using var released = new ManualResetEventSlim(false);
            MemoryRegion ram = MemoryRegion.Ram("ram", 0x1000);
            ram.Owner = MemoryRegionOwner.Create(released.Set);
            root.AddSubregion(0, ram);
            Hammer.Bounded(() =>
            {
                IDisposable transaction = map.BeginTransaction();
                ram.SetAddress(0x2000);
                map.Dispose();
                transaction.Dispose();
                Assert.False(map.InTransaction);
            });
            Assert.Null(ram.Map);
            Assert.Null(root.Map);
            // The lock is free: another thread can use the regions in a new map at once.
            Hammer.Bounded(() =>
            {
                using var other = new MemoryMap(domain);
                other.CreateAddressSpace("again", root).Dispose();
            });
            Hammer.Bounded(domain.Barrier);
            Assert.True(released.Wait(TimeSpan.FromSeconds(5)), "the owner of the last view was not released within 5 s of a Barrier (D6)");
        }
    }

    /// <summary>
    /// A mutation committed on a map whose domain was disposed (D5): all or nothing. Either the call throws and neither
    /// the tree nor the published view changed, or it succeeds and they agree.
    /// </summary>
    [Fact]
    public void CommitOnADisposedDomain_IsAllOrNothing()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space, RcuDomain domain) = NewSystem();
        {
            MemoryRegion ram = MemoryRegion.Ram("ram", 0x1000);
            root.AddSubregion(0, ram);
            using (domain.ReadLock())
            {
                // Registers this thread.
            }
            domain.Dispose();
            MemoryRegion extra = MemoryRegion.Ram("extra", 0x1000);
            Exception? e = Record.Exception(() => root.AddSubregion(0x4000, extra));
            Hammer.NoneOrDisposed(e, "AddSubregion on a disposed domain");
            bool inTree = root.Subregions.Contains(extra);
            bool inView = space.Translate(0x4000).Region == extra;
            Assert.True(inTree == inView, $"tree has the region: {inTree}, view has it: {inView}, call threw: {e?.GetType().Name ?? "no"} (D5)");
            Assert.True(e is null ? inTree : !inTree, $"call threw: {e?.GetType().Name ?? "no"}, but the tree {(inTree ? "changed" : "did not change")} (D5)");
            Hammer.NoneOrDisposed(Record.Exception(map.Dispose), "map.Dispose on a disposed domain");
            Assert.Null(root.Map);
        }
    }

    /// <summary>
    /// D5 with owners: releasing a replaced view that holds owners needs the domain (Defer), so on a disposed domain the
    /// commit of a transaction that changes two address spaces can fail halfway. All or nothing: afterwards both spaces'
    /// views agree with the tree (both moved), or the call threw and neither view nor tree changed.
    /// </summary>
    [Fact]
    public void TwoSpaceCommitOnADisposedDomain_IsAllOrNothing()
    {
        // Not "using (map)": a Dispose that throws in a finally would hide the assertion that failed first.
        (MemoryMap map, MemoryRegion root, AddressSpace memory, RcuDomain domain) = NewSystem();
        {
            MemoryRegion a = MemoryRegion.Ram("a", 0x1000);
            a.Owner = MemoryRegionOwner.Create(() => { });
            root.AddSubregion(0x1000, a);
            MemoryRegion ioRoot = MemoryRegion.Container("io", 0x10000);
            MemoryRegion b = MemoryRegion.Ram("b", 0x1000);
            b.Owner = MemoryRegionOwner.Create(() => { });
            ioRoot.AddSubregion(0x1000, b);
            ioRoot.AddSubregion(0x8000, MemoryRegion.Ram("b2", 0x1000)); // two children: the root is not reduced away
            AddressSpace io = map.CreateAddressSpace("io", ioRoot);
            using (domain.ReadLock())
            {
                // Registers this thread.
            }
            domain.Dispose();
            Exception? e = Record.Exception(() =>
            {
                using (map.BeginTransaction())
                {
                    a.SetAddress(0x3000);
                    b.SetAddress(0x3000);
                }
            });
            Hammer.NoneOrDisposed(e, "commit on a disposed domain");
            bool aTree = a.Address == 0x3000, bTree = b.Address == 0x3000;
            bool aView = memory.Translate(0x3000).Region == a, bView = io.Translate(0x3000).Region == b;
            string state = $"threw: {e?.GetType().Name ?? "no"}; tree moved a: {aTree}, b: {bTree}; views moved a: {aView}, b: {bView}";
            Assert.True(aTree == aView && bTree == bView, "views disagree with the tree (D5): " + state);
            Assert.True(e is null ? aTree && bTree : !aTree && !bTree, "not all or nothing (D5): " + state);
            Assert.False(map.InTransaction);

            // And the map can still be disposed: it ends disposed, whatever Dispose reports.
            Hammer.NoneOrDisposed(Record.Exception(map.Dispose), "map.Dispose on a disposed domain");
            Assert.True(root.Map is null && ioRoot.Map is null, "MemoryMap.Dispose on a disposed domain threw and left the map undisposed, its regions attached (D5)");
        }
    }

    /// <summary>
    /// D5, racing: a two-space transaction commits while another thread disposes the domain (pinned, one instant). No
    /// hang; afterwards each space's view agrees with the tree.
    /// </summary>
    [Fact]
    public void TwoSpaceCommit_RacingDomainDispose_ViewsAgreeWithTheTree()
    {
        Race.Run(
            Trials,
            _ =>
            {
                (MemoryMap map, MemoryRegion root, AddressSpace memory, RcuDomain domain) = NewSystem();
                MemoryRegion a = MemoryRegion.Ram("a", 0x1000);
                a.Owner = MemoryRegionOwner.Create(() => { });
                root.AddSubregion(0x1000, a);
                MemoryRegion ioRoot = MemoryRegion.Container("io", 0x10000);
                MemoryRegion b = MemoryRegion.Ram("b", 0x1000);
                b.Owner = MemoryRegionOwner.Create(() => { });
                ioRoot.AddSubregion(0x1000, b);
                ioRoot.AddSubregion(0x8000, MemoryRegion.Ram("b2", 0x1000));
                AddressSpace io = map.CreateAddressSpace("io", ioRoot);
                using (domain.ReadLock())
                {
                    // Registers the test thread, which translates after the disposal.
                }
                return (map, domain, memory, io, a, b);
            },
            s =>
            {
                using (s.map.BeginTransaction())
                {
                    s.a.SetAddress(0x3000);
                    s.b.SetAddress(0x3000);
                }
            },
            s => s.domain.Dispose(),
            (s, outcome) =>
            {
                Hammer.NoneOrDisposed(outcome.First, "commit");
                Assert.Null(outcome.Second);
                bool aView = s.memory.Translate(0x3000).Region == s.a, bView = s.io.Translate(0x3000).Region == s.b;
                Assert.True(
                    aView == (s.a.Address == 0x3000) && bView == (s.b.Address == 0x3000),
                    $"trial {outcome.Trial}: views disagree with the tree (D5): commit threw {outcome.First?.GetType().Name ?? "nothing"}, views moved a: {aView}, b: {bView}");
            });
    }

    /// <summary>
    /// Map disposal racing a reader that translates, reads and leases (pinned, one instant): the reader never hangs and
    /// never throws anything but ObjectDisposedException; it sees the old mapping or the unassigned region.
    /// </summary>
    [Fact]
    public void MapDispose_RacingReaders_NeverHangs_SeesOldOrNothing()
    {
        RcuDomain domain = new(new RcuOptions { PollInterval = TimeSpan.FromMilliseconds(1) });
        using (domain)
        {
            Race.Run(
                Trials,
                _ =>
                {
                    var map = new MemoryMap(domain);
                    MemoryRegion root = MemoryRegion.Container("system", ulong.MaxValue);
                    MemoryRegion ram = MemoryRegion.Ram("ram", 0x1000);
                    root.AddSubregion(0, ram);
                    return (map, space: map.CreateAddressSpace("memory", root), ram);
                },
                s =>
                {
                    for (int i = 0; i < 4; i++)
                    {
                        TranslationResult t = s.space.Translate(0x10);
                        if (!t.IsUnassigned && !ReferenceEquals(t.Region, s.ram)) throw new InvalidOperationException($"translated to {t.Region}");
                        s.space.Read(0, new byte[8]);
                        using FlatViewLease lease = s.space.AcquireView();
                        _ = lease.View.Ranges.Count;
                    }
                },
                s => s.map.Dispose(),
                (s, outcome) =>
                {
                    Hammer.NoneOrDisposed(outcome.First, "reader");
                    Assert.Null(outcome.Second);
                    Assert.True(s.space.IsDisposed);
                });
            Hammer.Bounded(domain.Barrier);
        }
    }

    /// <summary>Space disposal racing listener registration on it (pinned, one instant): no hang; a listener is either refused or gets matching adds and dels.</summary>
    [Fact]
    public void SpaceDispose_RacingRegisterListener_ListenerSeesBalancedAddsAndDels()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace _, RcuDomain domain) = NewSystem();
        using (domain)
        using (map)
        {
            root.AddSubregion(0, MemoryRegion.Ram("ram", 0x1000));
            Race.Run(
                Trials,
                trial => (space: map.CreateAddressSpace($"s{trial}", root), listener: new CountingListener()),
                s => s.space.RegisterListener(s.listener),
                s => s.space.Dispose(),
                (s, outcome) =>
                {
                    Hammer.NoneOrDisposed(outcome.First, "RegisterListener");
                    Assert.Null(outcome.Second);
                    Assert.Equal(s.listener.Adds, s.listener.Dels);
                    Assert.Equal(s.listener.Begins, s.listener.Commits);
                });
            Assert.Single(map.AddressSpaces);
        }
    }

    // ---- (c) throwing user code ---------------------------------------------------------------------------------

    /// <summary>
    /// Finding H7. A listener that throws while its space is disposed: the exception propagates, but the space must still
    /// be detached: gone from the map's list and its listeners unregistered (no callbacks from later commits).
    /// </summary>
    [Fact]
    public void ThrowingListener_DuringSpaceDispose_StillDetachesTheSpaceAndItsListeners()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace keep, RcuDomain domain) = NewSystem();
        using (domain)
        using (map)
        {
            root.AddSubregion(0, MemoryRegion.Ram("ram", 0x1000));
            AddressSpace doomed = map.CreateAddressSpace("doomed", MemoryRegion.Alias("alias", root, 0, 0x1000));
            var listener = new CountingListener { ThrowOnDel = true };
            doomed.RegisterListener(listener);
            Assert.Throws<FormatException>(doomed.Dispose);
            Assert.True(doomed.IsDisposed);
            int begins = listener.Begins;
            root.AddSubregion(0x8000, MemoryRegion.Ram("later", 0x1000)); // a later commit
            Assert.DoesNotContain(doomed, map.AddressSpaces);
            Assert.True(listener.Begins == begins, "the disposed space's listener still gets callbacks from later commits");
            Assert.False(doomed.UnregisterListener(listener));
        }
    }

    /// <summary>
    /// Finding H7, for the map. A listener that throws while the map is disposed: the exception propagates, but the map
    /// must still end disposed (regions freed, later calls refused), not half-disposed.
    /// </summary>
    [Fact]
    public void ThrowingListener_DuringMapDispose_StillDisposesTheMap()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space, RcuDomain domain) = NewSystem();
        using (domain)
        {
            root.AddSubregion(0, MemoryRegion.Ram("ram", 0x1000));
            space.RegisterListener(new CountingListener { ThrowOnDel = true });
            Assert.Throws<FormatException>(map.Dispose);
            Assert.True(space.IsDisposed);
            Assert.Null(root.Map);
            Assert.Throws<ObjectDisposedException>(() => map.BeginTransaction());
        }
    }

    /// <summary>
    /// A listener whose replay throws: RegisterListener rethrows, so the caller gets no registration to dispose. The
    /// listener must then be either not registered or removable by UnregisterListener, and commits must keep working.
    /// </summary>
    [Fact]
    public void ThrowingListener_DuringRegistrationReplay_LeavesNoUnreachableRegistration()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space, RcuDomain domain) = NewSystem();
        using (domain)
        using (map)
        {
            root.AddSubregion(0, MemoryRegion.Ram("ram", 0x1000));
            var listener = new CountingListener { ThrowOnAdd = true };
            Assert.Throws<FormatException>(() => space.RegisterListener(listener));
            listener.ThrowOnAdd = false;
            bool wasRegistered = space.UnregisterListener(listener);
            int begins = listener.Begins;
            root.AddSubregion(0x8000, MemoryRegion.Ram("later", 0x1000));
            Assert.Equal(begins, listener.Begins); // unregistered now either way
            if (wasRegistered) Assert.Equal(listener.Adds, listener.Dels);
            using IDisposable again = space.RegisterListener(listener); // and it can register afresh
        }
    }

    /// <summary>
    /// Listener callbacks of every kind throw during a commit: the commit completes (the view is published and equals a
    /// fresh rendering of the tree), the exception propagates, the lock is released, and a later commit works.
    /// </summary>
    [Theory]
    [InlineData("begin")]
    [InlineData("add")]
    [InlineData("del")]
    [InlineData("commit")]
    public void ThrowingListenerCallbacks_CommitStillCompletes_ViewMatchesTree(string where)
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space, RcuDomain domain) = NewSystem();
        using (domain)
        using (map)
        {
            MemoryRegion a = MemoryRegion.Ram("a", 0x1000);
            root.AddSubregion(0, a);
            var listener = new CountingListener();
            using IDisposable registration = space.RegisterListener(listener);
            listener.ThrowOnBegin = where == "begin";
            listener.ThrowOnAdd = where == "add";
            listener.ThrowOnDel = where == "del";
            listener.ThrowOnCommit = where == "commit";
            Assert.Throws<FormatException>(() => a.SetAddress(0x2000)); // one del and one add
            Assert.False(map.InTransaction);
            Assert.Equal(
                Rendered(() =>
                {
                    MemoryRegion r = MemoryRegion.Container("system", ulong.MaxValue);
                    r.AddSubregion(0x2000, MemoryRegion.Ram("a", 0x1000));
                    return r;
                }),
                RangesOf(space));
            listener.ThrowOnBegin = listener.ThrowOnAdd = listener.ThrowOnDel = listener.ThrowOnCommit = false;
            Hammer.Bounded(() => a.SetAddress(0x3000));
            Assert.Same(a, space.Translate(0x3000).Region);
        }
    }

    /// <summary>An MMIO handler that throws: Read and Write propagate it, leave no read section open, and RAM pieces before it were done.</summary>
    [Fact]
    public void ThrowingMmioHandler_Propagates_LeavesNoSectionOpen()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space, RcuDomain domain) = NewSystem();
        using (domain)
        using (map)
        {
            MemoryRegion ram = MemoryRegion.Ram("ram", 0x10);
            root.AddSubregion(0, ram);
            root.AddSubregion(0x10, MemoryRegion.Mmio("mmio", 0x10, new ThrowingMmio()));
            Assert.Throws<FormatException>(() => space.Read(0, new byte[0x20]));
            Assert.False(domain.InReadSection);
            Assert.Throws<FormatException>(() => space.Write(0x8, Enumerable.Repeat((byte)7, 0x10).ToArray()));
            Assert.False(domain.InReadSection);
            var head = new byte[8];
            ram.ReadHostMemory(8, head);
            Assert.All(head, b => Assert.Equal(7, b));
            Hammer.Bounded(domain.Barrier); // no section was left open on this thread
        }
    }

    // ---- (d) hammer ---------------------------------------------------------------------------------------------

    /// <summary>
    /// Two writers move regions back and forth between two slots inside transactions (a transfer: the set of regions is
    /// conserved) while readers check that every view maps exactly the regions there are, each exactly once.
    /// </summary>
    [Fact]
    public void RegionTransfers_EveryViewMapsEachRegionExactlyOnce()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space, RcuDomain domain) = NewSystem();
        using (domain)
        using (map)
        {
            const int Regions = 8;
            MemoryRegion[] rams = Enumerable.Range(0, Regions).Select(i => MemoryRegion.Ram($"r{i}", 0x1000)).ToArray();
            for (int i = 0; i < Regions; i++) root.AddSubregion((ulong)i * 0x1000, rams[i]);
            var gate = new object();
            Action<int> Swapper(int seed)
            {
                var random = new Random(seed);
                return _ =>
                {
                    int a = random.Next(Regions), b = random.Next(Regions);
                    lock (gate)
                    {
                        using (map.BeginTransaction())
                        {
                            ulong at = rams[a].Address;
                            rams[a].SetAddress(rams[b].Address);
                            rams[b].SetAddress(at);
                        }
                    }
                };
            }
            long reads = 0;
            Hammer.Run(
                StressTier.Duration(0.4, 4),
                Swapper(1),
                Swapper(2),
                _ =>
                {
                    using FlatViewLease lease = space.AcquireView();
                    var regions = lease.View.Ranges.Select(r => r.Region).ToList();
                    Assert.Equal(Regions, regions.Count);
                    Assert.Equal(Regions, regions.Distinct().Count());
                    for (int i = 0; i < Regions; i++)
                    {
                        TranslationResult t = space.Translate((ulong)i * 0x1000 + 1);
                        Assert.False(t.IsUnassigned);
                    }
                    Interlocked.Increment(ref reads);
                });
            Assert.True(reads > 0);
            Assert.Equal(Regions, space.CurrentView.Ranges.Count);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private sealed class CountingListener : IMemoryListener
    {
        public volatile bool ThrowOnBegin, ThrowOnAdd, ThrowOnDel, ThrowOnCommit;
        private int _begins, _commits, _adds, _dels;

        public int Begins => Volatile.Read(ref _begins);
        public int Commits => Volatile.Read(ref _commits);
        public int Adds => Volatile.Read(ref _adds);
        public int Dels => Volatile.Read(ref _dels);

        public void Begin()
        {
            Interlocked.Increment(ref _begins);
            if (ThrowOnBegin) throw new FormatException("begin");
        }

        public void Commit()
        {
            Interlocked.Increment(ref _commits);
            if (ThrowOnCommit) throw new FormatException("commit");
        }

        public void RegionAdd(FlatRange range)
        {
            Interlocked.Increment(ref _adds);
            if (ThrowOnAdd) throw new FormatException("add");
        }

        public void RegionDel(FlatRange range)
        {
            Interlocked.Increment(ref _dels);
            if (ThrowOnDel) throw new FormatException("del");
        }

        public void RegionNop(FlatRange range)
        {
        }
    }

    private sealed class ThrowingMmio : IMmioHandler
    {
        public ulong Read(ulong offset, int size) => throw new FormatException("mmio read");

        public void Write(ulong offset, ulong value, int size) => throw new FormatException("mmio write");
    }
}
