namespace RcuCollections.AddressSpaces;

/// <summary>
/// What a flat view is rendered from: the reduced root, the base its own address is added to, and the flags inherited
/// from the regions the reduction skipped. Address spaces whose keys are equal share one view.
/// </summary>
/// <remarks>
/// QEMU keys its view cache by the reduced root alone and renders it at base 0, which silently assumes the skipped
/// regions add no displacement and no flags (the "reduced root" quirk). Carrying the displacement and flags in
/// the key keeps reduction result-preserving: a view is always exactly what rendering the address space's own root
/// would give, and the sharing is the same as QEMU's in the usual case (roots not mapped anywhere, no flags).
/// </remarks>
internal readonly record struct FlatViewKey(MemoryRegion Root, Int128 BaseBeforeRoot, bool ReadOnly, bool Nonvolatile, bool Unmergeable);
