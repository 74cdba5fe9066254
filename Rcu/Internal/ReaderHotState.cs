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

    /// <summary>Nesting depth. Owner only.</summary>
    [FieldOffset(72)] public int Depth;

    /// <summary>Set by the GP side in the forced state: "signal me when you leave". Cleared by either side.</summary>
    [FieldOffset(76)] public int Waiting;

    /// <summary>Set by the GP side in the forced state; what <see cref="RcuDomain.ForceRequested"/> reads.</summary>
    [FieldOffset(80)] public int ForceFlag;

    /// <summary>The domain's read flavour, copied here so the exit path needs no load of the domain object.</summary>
    [FieldOffset(84)] public bool FullFence;
}
