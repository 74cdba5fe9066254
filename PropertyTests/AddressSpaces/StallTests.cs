using System.Diagnostics;
using RcuCollections.AddressSpaces;

namespace RcuCollections.Tests.AddressSpaces;

/// <summary>
/// The virtio-gpu stall of docs/design/address-space-rendering.md §4: a blob region is unmapped while a vCPU spins
/// inside one read section. Before QEMU's force-quiescent-state fix the owner was never released; with it, release
/// comes within about the polling budget (5 polls × 10 ms) plus the kick, with no Barrier; with Expedite it comes at
/// once.
/// </summary>
public class StallTests
{
    private const ulong BlobAddress = 0x100_0000;
    private static readonly TimeSpan s_generous = TimeSpan.FromSeconds(10);

    [Fact]
    public void UnmapWithASpinningVcpu_ReleasesTheOwnerWithinThePollingBudget_WithoutBarrier()
    {
        // QEMU's FQS defaults: poll every 10 ms, force after 5 polls.
        using RcuDomain domain = new(new RcuOptions { PollInterval = TimeSpan.FromMilliseconds(10), PollsBeforeForce = 5 });
        Setup setup = Setup.Create(domain);
        using (setup.Map)
        using (SpinningVcpu vcpu = new(domain, setup.Space, BlobAddress + 0x10, setup.Blob))
        {
            Assert.True(vcpu.WaitHolding(s_generous));
            setup.Owner.Guard = () => vcpu.HoldsWatchedTranslation;

            long start = Stopwatch.GetTimestamp();
            setup.HostMem.RemoveSubregion(setup.Blob);
            Assert.True(setup.Owner.WaitReleased(s_generous), "the owner was never released: the grace period stalled");
            TimeSpan latency = Stopwatch.GetElapsedTime(start, setup.Owner.ReleasedAt);

            Assert.True(latency < TimeSpan.FromSeconds(2), $"release took {latency.TotalMilliseconds:F1} ms");
            Assert.Equal(0, setup.Owner.Violations);
            Assert.True(vcpu.Kicks >= 1, "the vCPU had to be kicked out of its section");
            Assert.True(domain.GetStatistics().ForcedGracePeriods >= 1);
        }
    }

    [Fact]
    public void UnmapWithASpinningVcpu_WithoutForcing_Stalls_UntilExpedite_ThenReleasesAtOnce()
    {
        // The pre-fix policy: polling never turns into forcing, so the spinning vCPU holds the grace period forever.
        using RcuDomain domain = new(new RcuOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(10),
            PollsBeforeForce = 1_000_000,
            ForceAtPendingCallbacks = 1_000_000,
        });
        Setup setup = Setup.Create(domain);
        using (setup.Map)
        using (SpinningVcpu vcpu = new(domain, setup.Space, BlobAddress + 0x10, setup.Blob))
        {
            Assert.True(vcpu.WaitHolding(s_generous));
            setup.Owner.Guard = () => vcpu.HoldsWatchedTranslation;

            setup.HostMem.RemoveSubregion(setup.Blob);
            Assert.False(setup.Owner.WaitReleased(TimeSpan.FromMilliseconds(300)), "released although nothing forced the spinning reader");
            Assert.True(vcpu.HoldsWatchedTranslation);

            long expedited = Stopwatch.GetTimestamp();
            domain.Expedite();
            Assert.True(setup.Owner.WaitReleased(s_generous));
            TimeSpan latency = Stopwatch.GetElapsedTime(expedited, setup.Owner.ReleasedAt);

            Assert.True(latency < TimeSpan.FromSeconds(1), $"release after Expedite took {latency.TotalMilliseconds:F1} ms");
            Assert.Equal(0, setup.Owner.Violations);
        }
    }

    [Fact]
    public void UnmapThenExpedite_ReleasesPromptly_EvenUnderTheFqsPolicy()
    {
        using RcuDomain domain = new(new RcuOptions { PollInterval = TimeSpan.FromMilliseconds(10), PollsBeforeForce = 5 });
        Setup setup = Setup.Create(domain);
        using (setup.Map)
        using (SpinningVcpu vcpu = new(domain, setup.Space, BlobAddress + 0x10, setup.Blob))
        {
            Assert.True(vcpu.WaitHolding(s_generous));
            setup.Owner.Guard = () => vcpu.HoldsWatchedTranslation;

            long start = Stopwatch.GetTimestamp();
            setup.HostMem.RemoveSubregion(setup.Blob);
            domain.Expedite();
            Assert.True(setup.Owner.WaitReleased(s_generous));
            TimeSpan latency = Stopwatch.GetElapsedTime(start, setup.Owner.ReleasedAt);

            Assert.True(latency < TimeSpan.FromSeconds(1), $"release took {latency.TotalMilliseconds:F1} ms");
            Assert.Equal(0, setup.Owner.Violations);
        }
    }

    /// <summary>A 128 MiB hostmem container with one mapped blob (prio 1) over background RAM, as virtio-gpu does.</summary>
    private sealed record Setup(MemoryMap Map, AddressSpace Space, MemoryRegion HostMem, MemoryRegion Blob, GuardedOwner Owner)
    {
        public static Setup Create(RcuDomain domain)
        {
            (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem(domain);
            MemoryRegion hostMem = MemoryRegion.Container("hostmem", 128UL << 20);
            root.AddSubregion(0, hostMem);
            root.AddSubregion(0, MemoryRegion.Ram("background", 128UL << 20), -1);
            GuardedOwner owner = new();
            MemoryRegion blob = MemoryRegion.Ram("blob", 0x10000);
            blob.Owner = owner;
            hostMem.AddSubregion(BlobAddress, blob, 1);
            return new Setup(map, space, hostMem, blob, owner);
        }
    }

    /// <summary>A poisoning owner whose "still held" check is attached once the vCPU exists.</summary>
    private sealed class GuardedOwner : MemoryRegionOwner
    {
        private readonly ManualResetEventSlim _released = new();
        private long _releasedAt;
        private int _violations;

        public Func<bool>? Guard { get; set; }

        public long ReleasedAt => Interlocked.Read(ref _releasedAt);

        public int Violations => Volatile.Read(ref _violations);

        public bool WaitReleased(TimeSpan timeout) => _released.Wait(timeout);

        protected override void OnReleased()
        {
            Interlocked.Exchange(ref _releasedAt, Stopwatch.GetTimestamp());
            if (Guard?.Invoke() == true)
            {
                Interlocked.Increment(ref _violations);
            }

            _released.Set();
        }
    }
}
