using System.Runtime.CompilerServices;

namespace RcuCollections.Internal;

// Seeded bugs of the engine for the mutation tests (PropertyTests/Mutants/MutantTests.cs): each site is one
// "if (RcuMutants.Is(...))" next to the correct code, naming its mutant. A mutant can only be switched on in a
// process that sets the runtime switch RcuCollections.EnableTestHooks (the test project does, in its csproj);
// nothing in the public API reaches Activate.
//
// Cost outside the tests: Armed is a static readonly bool of a class without a static constructor. RcuDomain's
// constructor runs the class initialiser (Initialize), so by the time tier-1 compiles any method that can reach a
// site (they all need a domain) Armed is a known constant false, and "Armed && ..." folds away together with the
// load of Active. Without that, a site on a branch that never ran (the slow path below) would be compiled with a
// class-initialisation check and both loads. The hot read-side site (ExitOutermost) tests it only after its Waiting
// load found the slow path, so even tier-0 code pays nothing on the fast path.

// Numbers match the list in docs/testing.md ("Mutants"); the collections' mutants (6 to 11) are in
// RcuCollections' own CollectionMutants.
internal enum RcuMutant
{
    None = 0,

    // (1) RunGracePeriod advances _gpCtr only after WaitForReaders: readers that report Quiescent() (or re-enter)
    // during the grace period take the old counter and keep holding it up.
    GpCtrAdvancedAfterScan = 1,

    // (2) PruneDeadReadersLocked also prunes a live reader that is inside a section: no scan waits for it again.
    PruneReaderInSection = 2,

    // (3) The callback thread invokes its batch before running the grace period that should precede it.
    CallbacksBeforeGracePeriod = 3,

    // (4) ExitOutermost skips the Waiting check: a reader leaving in the forced state never sets _gpEvent.
    ExitSkipsWaitingCheck = 4,

    // (5) The forced wait in WaitForReaders never resets _gpEvent: it turns into a busy loop of global barriers.
    GpEventNotReset = 5,
}

internal static class RcuMutants
{
    // Whether this process allows mutants at all: the same switch as the collections' test hooks.
    internal static readonly bool Armed =
        AppContext.TryGetSwitch("RcuCollections.EnableTestHooks", out bool enabled) && enabled;

    // The active mutant (an RcuMutant), process-wide; 0 when none.
    internal static volatile int Active;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool Is(RcuMutant mutant) => Armed && Active == (int)mutant;

    // Reads the switch now (see the header): called from RcuDomain's constructor.
    internal static void Initialize() => RuntimeHelpers.RunClassConstructor(typeof(RcuMutants).TypeHandle);

    // Switches one mutant on (None: off). Throws in a process that did not set the switch.
    internal static void Activate(RcuMutant mutant)
    {
        if (!Armed) throw new InvalidOperationException("Set the runtime switch RcuCollections.EnableTestHooks to use mutants.");
        Active = (int)mutant;
    }
}
