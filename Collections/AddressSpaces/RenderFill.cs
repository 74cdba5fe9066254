namespace RcuCollections.AddressSpaces;

/// <summary>
/// One terminating region met by the render walk, in walk order: it claims whatever is still free in
/// [<see cref="ClipStart"/>, <see cref="ClipEnd"/>); an address there maps to offset (address − <see cref="Base"/>).
/// </summary>
internal readonly record struct RenderFill(MemoryRegion Region, Int128 Base, Int128 ClipStart, Int128 ClipEnd, bool ReadOnly, bool Nonvolatile, bool Unmergeable);
