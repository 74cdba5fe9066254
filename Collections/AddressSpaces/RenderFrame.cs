namespace RcuCollections.AddressSpaces;

/// <summary>
/// A pending step of the iterative render walk: either enter <see cref="Region"/> (with the base before its own address
/// is added) or, for a terminating region whose children were already scheduled, emit it into the remaining gaps.
/// </summary>
internal readonly record struct RenderFrame(MemoryRegion Region, Int128 Base, Int128 ClipStart, Int128 ClipEnd, bool ReadOnly, bool Nonvolatile, bool Unmergeable, bool IsEmit);
