using System.Collections.Concurrent;
using RcuCollections.AddressSpaces;
using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.AddressSpaces;

/// <summary>Owner release: only after the last view referring to the region is gone and a grace period has passed
/// (docs/design/address-space-rendering.md §4).</summary>
public class LifetimeTests
{
    private static readonly TimeSpan s_long = TimeSpan.FromSeconds(10);

    [Fact]
    public void Owner_IsReleasedOnce_AfterTheRegionIsUnmapped_AndAGracePeriod()
    {
        using RcuDomain domain = new();
        (MemoryMap map, MemoryRegion root, _) = Ranges.NewSystem(domain);
        using (map)
        {
            PoisonOwner owner = new("blob");
            MemoryRegion blob = MemoryRegion.Ram("blob", 0x1000);
            blob.Owner = owner;
            root.AddSubregion(0x1000, blob);
            Assert.Equal(1, owner.ViewReferenceCount);

            // Commits that keep it mapped hand it from view to view without ever dropping to zero.
            for (int i = 0; i < 5; i++)
            {
                root.AddSubregion((ulong)(0x10000 + (i * 0x1000)), MemoryRegion.Ram($"other{i}", 0x10));
            }

            domain.Barrier();
            Assert.Equal(0, owner.ReleaseCount);

            root.RemoveSubregion(blob);
            domain.Barrier();
            Assert.Equal(1, owner.ReleaseCount);
            Assert.True(owner.IsPoisoned);
            Assert.Equal(0, owner.ViewReferenceCount);

            // Mapped again: referenced again, released again later.
            root.AddSubregion(0x1000, blob);
            Assert.Equal(1, owner.ViewReferenceCount);
            root.RemoveSubregion(blob);
            domain.Barrier();
            Assert.Equal(2, owner.ReleaseCount);
        }
    }

    [Fact]
    public void Owner_IsNotReleased_WhileAReaderThatTranslatedIntoItIsInItsSection()
    {
        // No forcing for a long time: the reader holds its section until told to leave.
        using RcuDomain domain = new(new RcuOptions { PollsBeforeForce = 100_000, ForceAtPendingCallbacks = 100_000 });
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem(domain);
        using (map)
        {
            int readerHolds = 0;
            PoisonOwner owner = new("blob", () => Volatile.Read(ref readerHolds) != 0);
            MemoryRegion blob = MemoryRegion.Ram("blob", 0x1000);
            blob.Owner = owner;
            root.AddSubregion(0x1000, blob);

            using ManualResetEventSlim holding = new();
            using ManualResetEventSlim leave = new();
            bool sawPoison = false;
            Thread reader = new(() =>
            {
                using (domain.ReadLock())
                {
                    Volatile.Write(ref readerHolds, ReferenceEquals(space.Translate(0x1800).Region, blob) ? 1 : 0);
                    holding.Set();
                    leave.Wait();
                    sawPoison = owner.IsPoisoned;
                    Volatile.Write(ref readerHolds, 0);
                }
            });
            reader.Start();
            Assert.True(holding.Wait(s_long));
            Assert.Equal(1, Volatile.Read(ref readerHolds));

            root.RemoveSubregion(blob);
            Assert.False(owner.WaitReleased(TimeSpan.FromMilliseconds(300)), "released while a reader held a translation");

            leave.Set();
            reader.Join();
            Assert.True(owner.WaitReleased(s_long));
            Assert.False(sawPoison);
            Assert.Equal(0, owner.Violations);
        }
    }

    [Fact]
    public void Lease_KeepsTheOwnerAlive_BeyondReadSections()
    {
        using RcuDomain domain = new();
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem(domain);
        using (map)
        {
            PoisonOwner owner = new("dma");
            MemoryRegion ram = MemoryRegion.Ram("ram", 0x1000);
            ram.Owner = owner;
            root.AddSubregion(0, ram);

            FlatViewLease lease = space.AcquireView();
            root.RemoveSubregion(ram);
            domain.Barrier();
            Assert.Equal(0, owner.ReleaseCount);
            Assert.Same(ram, lease.View.Translate(0x10).Region);

            lease.Dispose();
            lease.Dispose();
            Assert.Throws<ObjectDisposedException>(() => lease.View);
            domain.Barrier();
            Assert.Equal(1, owner.ReleaseCount);
        }
    }

    [Fact]
    public void SharedOwner_IsReleasedWhenItsLastRegionLeaves()
    {
        using RcuDomain domain = new();
        (MemoryMap map, MemoryRegion root, _) = Ranges.NewSystem(domain);
        using (map)
        {
            PoisonOwner device = new("device");
            MemoryRegion bar0 = MemoryRegion.Mmio("bar0", 0x1000);
            MemoryRegion bar1 = MemoryRegion.Mmio("bar1", 0x1000);
            bar0.Owner = device;
            bar1.Owner = device;
            root.AddSubregion(0x1000, bar0);
            root.AddSubregion(0x2000, bar1);
            domain.Barrier();
            Assert.Equal(1, device.ViewReferenceCount); // once the replaced views have passed their grace period

            root.RemoveSubregion(bar0);
            domain.Barrier();
            Assert.Equal(0, device.ReleaseCount);

            root.RemoveSubregion(bar1);
            domain.Barrier();
            Assert.Equal(1, device.ReleaseCount);
        }
    }

    [Fact]
    public void ThrowingOwner_IsReportedThroughTheDomain_AndOthersAreStillReleased()
    {
        using RcuDomain domain = new();
        ConcurrentQueue<Exception> failures = new();
        domain.CallbackFailed += (_, e) => failures.Enqueue(e.Exception);
        (MemoryMap map, MemoryRegion root, _) = Ranges.NewSystem(domain);
        using (map)
        {
            PoisonOwner good = new("good");
            MemoryRegion a = MemoryRegion.Ram("a", 0x10);
            MemoryRegion b = MemoryRegion.Ram("b", 0x10);
            a.Owner = MemoryRegionOwner.Create(() => throw new InvalidDataException("owner failure"));
            b.Owner = good;
            MemoryRegion box = MemoryRegion.Container("box", 0x100);
            box.AddSubregion(0, a);
            box.AddSubregion(0x10, b);
            root.AddSubregion(0, box);

            root.RemoveSubregion(box);
            domain.Barrier();

            Assert.Equal(1, good.ReleaseCount);
            Exception failure = Assert.Single(failures);
            Assert.Contains(Flatten(failure), e => e is InvalidDataException);
        }
    }

    [Fact]
    public void DisposingTheMap_ReleasesEveryOwner()
    {
        using RcuDomain domain = new();
        (MemoryMap map, MemoryRegion root, _) = Ranges.NewSystem(domain);
        PoisonOwner owner = new("ram");
        MemoryRegion ram = MemoryRegion.Ram("ram", 0x10);
        ram.Owner = owner;
        root.AddSubregion(0, ram);
        map.CreateAddressSpace("second", MemoryRegion.Alias("alias", root, 0, ulong.MaxValue));

        map.Dispose();
        domain.Barrier();
        Assert.Equal(1, owner.ReleaseCount);
    }

    [Fact]
    public void PoisonedOwners_AreNeverSeenByReadersInsideTheirSections()
    {
        using RcuDomain domain = new();
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem(domain);
        using (map)
        {
            const int Slots = 4;
            ConcurrentDictionary<MemoryRegion, PoisonOwner> owners = new(ReferenceEqualityComparer.Instance);
            MemoryRegion[] current = new MemoryRegion[Slots];
            for (int i = 0; i < Slots; i++)
            {
                current[i] = NewBlob(i, 0, owners);
                root.AddSubregion(SlotAddress(i), current[i]);
            }

            int stop = 0;
            long violations = 0;
            long checks = 0;
            Thread[] readers = Enumerable.Range(0, 2).Select(r => new Thread(() =>
            {
                Random random = new(r);
                while (Volatile.Read(ref stop) == 0)
                {
                    using (domain.ReadLock())
                    {
                        for (int k = 0; k < 16; k++)
                        {
                            TranslationResult t = space.Translate(SlotAddress(random.Next(Slots)) + 8);
                            if (!t.IsUnassigned && owners.TryGetValue(t.Region, out PoisonOwner? owner))
                            {
                                Thread.SpinWait(50);
                                if (owner.IsPoisoned)
                                {
                                    Interlocked.Increment(ref violations);
                                }

                                Interlocked.Increment(ref checks);
                            }
                        }
                    }
                }
            })).ToArray();
            foreach (Thread reader in readers)
            {
                reader.Start();
            }

            List<PoisonOwner> retired = [];
            DateTime end = DateTime.UtcNow + TimeSpan.FromMilliseconds(StressTier.Pick(400, 5000));
            for (int generation = 1; DateTime.UtcNow < end; generation++)
            {
                int slot = generation % Slots;
                MemoryRegion replacement = NewBlob(slot, generation, owners);
                using (map.BeginTransaction())
                {
                    root.RemoveSubregion(current[slot]);
                    root.AddSubregion(SlotAddress(slot), replacement);
                }

                retired.Add(owners[current[slot]]);
                current[slot] = replacement;
            }

            Volatile.Write(ref stop, 1);
            foreach (Thread reader in readers)
            {
                reader.Join();
            }

            domain.Barrier();
            Assert.Equal(0, Interlocked.Read(ref violations));
            Assert.True(Interlocked.Read(ref checks) > 0);
            Assert.NotEmpty(retired);
            Assert.All(retired, o => Assert.Equal(1, o.ReleaseCount));
            Assert.All(current, r => Assert.Equal(0, owners[r].ReleaseCount));
        }

        static ulong SlotAddress(int slot) => 0x10000UL * (ulong)(slot + 1);

        static MemoryRegion NewBlob(int slot, int generation, ConcurrentDictionary<MemoryRegion, PoisonOwner> owners)
        {
            MemoryRegion blob = MemoryRegion.Ram($"blob{slot}.{generation}", 0x1000);
            PoisonOwner owner = new(blob.Name);
            blob.Owner = owner;
            owners[blob] = owner;
            return blob;
        }
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        yield return exception;
        if (exception is AggregateException aggregate)
        {
            foreach (Exception inner in aggregate.InnerExceptions.SelectMany(Flatten))
            {
                yield return inner;
            }
        }
        else if (exception.InnerException is { } inner)
        {
            foreach (Exception nested in Flatten(inner))
            {
                yield return nested;
            }
        }
    }
}
