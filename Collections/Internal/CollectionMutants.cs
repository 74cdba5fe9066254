using System.Runtime.CompilerServices;

namespace RcuCollections;

// Seeded bugs of the collections for the mutation tests (PropertyTests/Mutants/MutantTests.cs), the same shape as the
// engine's RcuMutants (which this assembly cannot see: the collections use only the engine's public API). Each site is
// one "if (CollectionMutants.Is(...))" next to the correct code, naming its mutant. Only a process that sets the
// runtime switch RcuCollections.EnableTestHooks (the test project) can switch one on; nothing public reaches Activate.
//
// Cost outside the tests: Armed is a static readonly bool of a non-generic class without a static constructor. The
// RcuDictionary constructor runs the class initialiser (Initialize), so tier-1 code (shared generic code included) sees
// a constant false and folds "Armed && ..." away; without that, a site on a branch that never ran would be compiled
// with a class-initialisation check. The hot optimistic-read site tests it only after its generation re-check failed,
// so even tier-0 code pays nothing on the path that returns. (RcuList's site runs on every pooled write, so it
// initialises the class itself; FlatView's is on a cold path.)

// Numbers continue the engine's (1 to 5) and match the list in docs/testing.md ("Mutants").
internal enum CollectionMutant
{
    None = 0,

    // (6) RcuDictionary.TryRecycleSealed reuses a sealed batch of slots without waiting for its grace period.
    RecycleSealedWithoutGracePeriod = 6,

    // (7) The dictionary's optimistic read skips its generation re-check (accepts a probe across a reuse window).
    OptimisticReadSkipsRecheck = 7,

    // (8) RcuDictionary.Publish swaps a segment's table outside a reuse window.
    PublishWithoutReuseWindow = 8,

    // (9) Enumeration (SnapshotSegment) accepts a scan without comparing the segment's removal count.
    EnumerationSkipsRemovalCheck = 9,

    // (10) A pooled RcuList returns a replaced version to its RcuListVersionPool at once, not after a grace period.
    ListPoolRecyclesBeforeGracePeriod = 10,

    // (11) A FlatView's owners are released when its last reference goes (on commit), not a grace period later.
    FlatViewReleasedOnCommit = 11,
}

internal static class CollectionMutants
{
    // Whether this process allows mutants at all: the same switch as RcuDictionaryTestHooks.
    internal static readonly bool Armed =
        AppContext.TryGetSwitch("RcuCollections.EnableTestHooks", out bool enabled) && enabled;

    // The active mutant (a CollectionMutant), process-wide; 0 when none.
    internal static volatile int Active;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool Is(CollectionMutant mutant) => Armed && Active == (int)mutant;

    // Reads the switch now (see the header): called from the RcuDictionary constructor.
    internal static void Initialize() => RuntimeHelpers.RunClassConstructor(typeof(CollectionMutants).TypeHandle);

    // Switches one mutant on (None: off). Throws in a process that did not set the switch.
    internal static void Activate(CollectionMutant mutant)
    {
        if (!Armed) throw new InvalidOperationException("Set the runtime switch RcuCollections.EnableTestHooks to use mutants.");
        Active = (int)mutant;
    }
}
