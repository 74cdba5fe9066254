using System.Diagnostics;

namespace RcuCollections.Internal;

/// <summary>One registered reader thread of one domain (QEMU's <c>rcu_reader_data</c>).</summary>
internal sealed class ReaderRecord
{
    public ReaderHotState Hot;

    public readonly RcuDomain Domain;
    public readonly Thread Owner;

    /// <summary>The thread's force callbacks; copy-on-write, replaced under <c>lock (this)</c>.</summary>
    public Action[] ForceCallbacks = [];

    /// <summary>Set once the GP side has seen the owner dead (and counted it); GP side only.</summary>
    public bool DeathReported;

    /// <summary>The grace period for which a stall warning was raised for this reader; GP side only.</summary>
    public long StallReportedForGracePeriod;

    /// <summary>What <see cref="ReaderHotState.Waiting"/> holds when the GP side is not waiting for this reader.</summary>
    public readonly int FlavorBits;

    public ReaderRecord(RcuDomain domain, Thread owner)
    {
        Domain = domain;
        Owner = owner;
        Hot.FullFence = domain.Options.ReadFlavor == RcuReadFlavor.FullFence;
        FlavorBits = Hot.FullFence ? ReaderHotState.FullFenceFlavorBit : 0;
        Hot.Waiting = FlavorBits;
    }

    [Conditional("DEBUG")]
    public void AssertOwnedByCurrentThread() =>
        Debug.Assert(ReferenceEquals(Owner, Thread.CurrentThread), "A reader record is touched by a thread other than its owner.");
}
