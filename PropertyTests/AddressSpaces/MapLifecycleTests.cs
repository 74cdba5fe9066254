using RcuCollections.AddressSpaces;
using RcuCollections.Tests.Dictionary;
using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.AddressSpaces;

/// <summary>
/// The map against its domain's limits and its own disposal: back-pressure never waited for under the map lock (D4),
/// commits on a disposed domain (D5), disposal inside a transaction (D6), and idempotent disposal after the map's (D7).
/// </summary>
public sealed class MapLifecycleTests
{
    private static readonly TimeSpan s_long = TimeSpan.FromSeconds(10);

    [Fact]
    public void BackPressure_ACallbackThatMutatesTheMap_DoesNotDeadlockACommit()
    {
        var domain = new RcuDomain(new RcuOptions { MaxPendingCallbacks = 1, ForceAtPendingCallbacks = 1 });
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem(domain);
        PoisonOwner owner = new("blob");
        MemoryRegion blob = MemoryRegion.Ram("blob", 0x1000);
        blob.Owner = owner;
        root.AddSubregion(0x1000, blob);
        domain.Barrier();

        using var holding = new ManualResetEventSlim();
        using var leave = new ManualResetEventSlim();
        var reader = new Thread(() =>
        {
            using (domain.ReadLock())
            {
                holding.Set();
                leave.Wait(); // a stuck reader: callbacks pile up
            }
        }) { IsBackground = true };
        reader.Start();
        Assert.True(holding.Wait(s_long));
        long waitsBefore = domain.GetStatistics().BackPressureWaits;

        MemoryRegion late = MemoryRegion.Ram("late", 0x1000);
        domain.Defer(() => root.AddSubregion(0x100000, late)); // a callback that needs the map's writer lock
        // The commit retires the view that referred to the owner: its release goes over the limit.
        Worker writer = Workers.Start(() => root.RemoveSubregion(blob));
        Assert.True(Eventually.Holds(() => domain.GetStatistics().BackPressureWaits > waitsBefore, TimeSpan.FromSeconds(30)), "the commit reaches back-pressure");
        leave.Set();

        Assert.True(writer.TryJoin(TimeSpan.FromSeconds(20)), "deadlock: a commit waits for callback capacity under the map lock that a callback needs");
        domain.Barrier();
        Assert.Same(late, space.Translate(0x100000).Region);
        Assert.True(owner.IsPoisoned);
        map.CheckInvariants();
        map.Dispose();
        domain.Dispose(); // only once nothing hangs
    }

    [Fact]
    public void DisposedDomain_AMapWriteThrowsBeforeChangingAnything_AndTheMapStillDisposes()
    {
        var domain = new RcuDomain();
        var log = new List<string>();
        var (map, spaces, owners) = TwoSpaces(domain, log);
        log.Clear();
        domain.Dispose();

        MemoryRegion extra = MemoryRegion.Ram("extra", 0x1000);
        Assert.Throws<ObjectDisposedException>(() => spaces[0].Root.AddSubregion(0x8000, extra));
        Assert.Equal("", string.Join(", ", log)); // no listener heard a Begin
        Assert.Throws<ObjectDisposedException>(() => spaces[1].Root.SetEnabled(false));
        Assert.Throws<ObjectDisposedException>(() => map.BeginTransaction());
        Assert.Empty(log);
        Assert.Null(extra.Map);
        Assert.True(spaces[1].Root.Enabled);
        Assert.Equal("ram0", spaces[0].CurrentView.Ranges.Single().Region.Name);
        map.CheckInvariants();

        // Disposal works whatever the domain's state: every listener hears the whole commit, the map ends empty.
        map.Dispose();
        map.Dispose();
        Assert.Equal(2, log.Count(e => e.EndsWith(":begin", StringComparison.Ordinal)));
        Assert.Equal(2, log.Count(e => e.EndsWith(":commit", StringComparison.Ordinal)));
        Assert.Equal(2, log.Count(e => e.Contains(":del ", StringComparison.Ordinal)));
        Assert.All(spaces, s => Assert.True(s.IsDisposed && s.CurrentView.Ranges.Count == 0));
        Assert.Null(spaces[0].Root.Map);
        // The replaced views could not be retired through the disposed domain: their owners are released once the
        // domain's disposal (and its last grace period) is over, which it already is: soon, and exactly once.
        Assert.True(Support.Eventually.Holds(() => owners.All(o => o.ReleaseCount == 1), TimeSpan.FromSeconds(5)),
            "owners of views replaced on a disposed domain were never released");
        spaces[0].Dispose();
        map.CheckInvariants();
    }

    [Fact]
    public void DomainDisposedDuringACommit_TheCommitIsAllOrNothing_AndTheMapStillDisposes()
    {
        Race.Run(
            trials: 120,
            setup: _ =>
            {
                var domain = new RcuDomain();
                var log = new List<string>();
                var (map, spaces, _) = TwoSpaces(domain, log);
                log.Clear();
                return (domain, map, spaces, log, shared: MemoryRegion.Ram("shared", 0x1000));
            },
            // The commit goes first: Race delays the second side by a random jitter, which sweeps the disposal across it.
            first: s =>
            {
                using (s.map.BeginTransaction())
                {
                    s.spaces[0].Root.AddSubregion(0x8000, s.shared);
                    s.spaces[1].Root.AddSubregion(0x8000, MemoryRegion.Alias("alias", s.shared, 0, 0x1000));
                }
            },
            second: s => s.domain.Dispose(),
            check: (s, outcome) =>
            {
                Assert.Null(outcome.Second);
                Assert.True(outcome.First is null or ObjectDisposedException, $"trial {outcome.Trial}: {outcome.First}");
                s.map.CheckInvariants();
                bool first = s.spaces[0].CurrentView.Ranges.Any(r => r.Region.Name == "shared");
                bool second = s.spaces[1].CurrentView.Ranges.Any(r => r.Region.Name == "shared");
                int begins = s.log.Count(e => e.EndsWith(":begin", StringComparison.Ordinal));
                int commits = s.log.Count(e => e.EndsWith(":commit", StringComparison.Ordinal));
                if (outcome.First is null)
                {
                    Assert.True(first && second, $"trial {outcome.Trial}: a completed commit published {(first ? "only the first" : second ? "only the second" : "neither")} address space");
                    Assert.Equal((2, 2), (begins, commits));
                }
                else
                {
                    // Refused before the transaction began or its first mutation: nothing changed.
                    Assert.False(first || second, $"trial {outcome.Trial}: a refused commit published something");
                    Assert.Equal((0, 0), (begins, commits));
                }

                s.map.Dispose();
                s.map.Dispose();
                s.map.CheckInvariants();
            });
    }

    [Fact]
    public void AddressSpaceDisposedInsideATransaction_TakesEffectAtTheOutermostCommit()
    {
        using var domain = new RcuDomain();
        var log = new List<string>();
        var (map, spaces, owners) = TwoSpaces(domain, log);
        log.Clear();
        using (map.BeginTransaction())
        {
            spaces[0].Dispose();
            Assert.True(spaces[0].IsDisposed);
            // Like every change in a transaction: readers see the old view until the outermost commit.
            Assert.Equal("ram0", spaces[0].Translate(0x1800).Region.Name);
            Assert.Empty(log);
            map.CheckInvariants();
        }

        Assert.True(spaces[0].Translate(0x1800).IsUnassigned);
        Assert.Contains(log, e => e.StartsWith("l0:del", StringComparison.Ordinal));
        Assert.DoesNotContain(spaces[0], map.AddressSpaces);
        Assert.Null(spaces[0].Root.Map);
        domain.Barrier();
        Assert.Equal(1, owners[0].ReleaseCount);
        Assert.Equal(0, owners[1].ReleaseCount);
        Assert.Equal("ram1", spaces[1].Translate(0x1800).Region.Name);
        map.CheckInvariants();
        spaces[0].Dispose(); // idempotent
        map.Dispose();
        domain.Barrier();
        Assert.Equal(1, owners[1].ReleaseCount);
    }

    [Fact]
    public void MapDisposedInsideATransaction_TakesEffectAtTheOutermostCommit()
    {
        using var domain = new RcuDomain();
        var log = new List<string>();
        var (map, spaces, owners) = TwoSpaces(domain, log);
        log.Clear();
        using (map.BeginTransaction())
        {
            map.Dispose();
            Assert.All(spaces, s => Assert.True(s.IsDisposed));
            Assert.Equal("ram0", spaces[0].Translate(0x1800).Region.Name);
            // The map takes no new changes once its disposal is pending.
            Assert.Throws<ObjectDisposedException>(() => spaces[1].Root.SetEnabled(false));
            map.Dispose(); // idempotent
        }

        Assert.All(spaces, s => Assert.True(s.Translate(0x1800).IsUnassigned));
        Assert.Contains(log, e => e.StartsWith("l0:del", StringComparison.Ordinal));
        Assert.Contains(log, e => e.StartsWith("l1:del", StringComparison.Ordinal));
        Assert.Empty(map.AddressSpaces);
        Assert.Null(spaces[1].Root.Map);
        domain.Barrier();
        Assert.All(owners, o => Assert.Equal(1, o.ReleaseCount));
        map.CheckInvariants();
        map.Dispose();
    }

    [Fact]
    public void AfterTheMapIsDisposed_AddressSpaceAndListenerDisposalAreNoOps()
    {
        using var domain = new RcuDomain();
        var log = new List<string>();
        var (map, spaces, _) = TwoSpaces(domain, log);
        IDisposable registration = spaces[0].RegisterListener(new RecordingListener("late", log), priority: 5);
        map.Dispose();

        spaces[0].Dispose();
        registration.Dispose();
        registration.Dispose();
        Assert.False(spaces[1].UnregisterListener(new RecordingListener("never", log)));
        map.Dispose();
        map.CheckInvariants();
    }

    /// <summary>A map with two address spaces over separate roots, each with one owned RAM region at 0x1000 and one listener.</summary>
    private static (MemoryMap Map, AddressSpace[] Spaces, PoisonOwner[] Owners) TwoSpaces(RcuDomain domain, List<string> log)
    {
        var map = new MemoryMap(domain);
        var spaces = new AddressSpace[2];
        var owners = new PoisonOwner[2];
        for (int i = 0; i < 2; i++)
        {
            MemoryRegion root = MemoryRegion.Container($"root{i}", ulong.MaxValue);
            MemoryRegion ram = MemoryRegion.Ram($"ram{i}", 0x1000);
            ram.Owner = owners[i] = new PoisonOwner($"owner{i}");
            root.AddSubregion(0x1000, ram);
            spaces[i] = map.CreateAddressSpace($"space{i}", root);
            spaces[i].RegisterListener(new RecordingListener($"l{i}", log));
        }

        return (map, spaces, owners);
    }
}
