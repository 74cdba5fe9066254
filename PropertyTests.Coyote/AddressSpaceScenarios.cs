using Microsoft.Coyote.Runtime;
using Microsoft.Coyote.Specifications;
using RcuCollections.AddressSpaces;
using RcuCollections.CoyoteTests.Support;
using Xunit.Abstractions;

namespace RcuCollections.CoyoteTests;

/// <summary>
/// The address-space map under Coyote: a commit that unmaps a region (and a second transaction that maps another) races
/// a reader that translates and then uses the translation, and the region owner's release on the callback thread. The
/// owner may be released only after every reader that could hold a translation into its region has left its section.
/// Twin: a reader that uses a translation after <see cref="AddressSpace.Translate"/>'s own section ended.
/// </summary>
public sealed class AddressSpaceScenarios(ITestOutputHelper output)
{
    private const ulong BlobAddress = 0x1000;

    private static async Task Scenario(bool useAfterTranslateSection)
    {
        RcuDomain domain = Domains.Create();
        var map = new MemoryMap(domain);
        MemoryRegion root = MemoryRegion.Container("root", 0x10000);
        int released = 0;
        MemoryRegion blob = MemoryRegion.Ram("blob", 0x1000);
        blob.Owner = MemoryRegionOwner.Create(() => Interlocked.Increment(ref released));
        root.AddSubregion(BlobAddress, blob);
        AddressSpace space = map.CreateAddressSpace("system", root);

        Task reader = Task.Run(() =>
        {
            if (useAfterTranslateSection)
            {
                // Planted: Translate enters and leaves its own section; the translation is used after it, unprotected.
                TranslationResult early = space.Translate(BlobAddress);
                WorkWith(early);
                if (ReferenceEquals(early.Region, blob))
                    Specification.Assert(Volatile.Read(ref released) == 0, "the owner was released while a reader still used a translation into its region");
                return;
            }
            using RcuReadGuard guard = domain.ReadLock();
            TranslationResult translation = space.Translate(BlobAddress);
            WorkWith(translation);
            if (ReferenceEquals(translation.Region, blob))
                Specification.Assert(Volatile.Read(ref released) == 0, "the owner was released while a reader still used a translation into its region");
        });
        Task unmapper = Task.Run(() => root.RemoveSubregion(blob)); // one commit: new view published, old one retired
        Task mapper = Task.Run(() =>
        {
            using IDisposable transaction = map.BeginTransaction();
            root.AddSubregion(0x4000, MemoryRegion.Ram("other", 0x1000));
        });
        await Task.WhenAll(new[] { reader, unmapper, mapper });

        domain.Barrier(); // every retired view's grace period has passed and its callbacks ran
        Specification.Assert(Volatile.Read(ref released) == 1, $"the owner was released {released} times, expected once");
        domain.Dispose();
    }

    /// <summary>
    /// The reader's work between the translation and its use (a vCPU executing an access): a run of scheduling points at which
    /// it lets the others go first, long enough for a whole commit, grace period and release to fit in between.
    /// </summary>
    private static void WorkWith(in TranslationResult translation)
    {
        for (int i = 0; i < 32; i++) SchedulingPoint.Yield();
    }

    [Fact]
    public void A_commit_racing_Translate_releases_the_owner_once_and_never_under_a_reader() =>
        Exploration.Run("address space: commit vs Translate vs owner release", () => Scenario(useAfterTranslateSection: false),
            iterations: 40).AssertNoBug(output);

    [Fact]
    public void Planted_translation_used_outside_any_section_is_found() =>
        Exploration.Run("planted: translation used after Translate's section ended", () => Scenario(useAfterTranslateSection: true),
            iterations: 40).AssertFindsBug(output, "owner was released while");
}
