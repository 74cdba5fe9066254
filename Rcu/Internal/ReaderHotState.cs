using System.Runtime.InteropServices;

namespace RcuCollections.Internal;

/// <summary>
/// The per-thread words the read side touches, padded to their own cache lines so that records of
/// different threads never share a line (a reader's store would otherwise invalidate its neighbour's).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 192)]
internal struct ReaderHotState
{
    /// <summary>0 outside a section, else the grace-period counter snapshot of the outermost lock. Owner writes, GP side reads.</summary>
    [FieldOffset(64)] public long Ctr;

    /// <summary>
    /// Nesting depth in the low 32 bits; the high 32 bits count outermost sections (incremented at each outermost exit).
    /// A guard remembers the whole word it created, so a copied guard disposed after the thread left and re-entered
    /// sees a different count and throws instead of ending the newer section. Owner only.
    /// </summary>
    [FieldOffset(72)] public long Depth;

    /// <summary>
    /// <see cref="WaitingBit"/>: set by the GP side in the forced state, "signal me when you leave", cleared by either
    /// side. <see cref="FullFenceFlavorBit"/>: constant for the record, kept by every writer, so that the exit path
    /// learns both "slow path?" and "fence?" from one load (<see cref="ReaderRecord.FlavorBits"/>).
    /// </summary>
    [FieldOffset(80)] public int Waiting;

    /// <summary>Set by the GP side in the forced state; what <see cref="RcuDomain.ForceRequested"/> reads.</summary>
    [FieldOffset(84)] public int ForceFlag;

    /// <summary>The domain's read flavour, copied here so the exit path needs no load of the domain object.</summary>
    [FieldOffset(88)] public bool FullFence;

    /// <summary>The GP side's "signal me when you leave" bit of <see cref="Waiting"/>.</summary>
    public const int WaitingBit = 1;

    /// <summary>The constant bit of <see cref="Waiting"/> that marks a full-fence-flavour record.</summary>
    public const int FullFenceFlavorBit = 2;

    /// <summary>One outermost section in <see cref="Depth"/>'s high half.</summary>
    public const long SectionUnit = 1L << 32;

    /// <summary>Whether <paramref name="depth"/> (a <see cref="Depth"/> word) is inside a section.</summary>
    public static bool InSection(long depth) => (int)depth != 0;
}
