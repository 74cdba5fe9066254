using RcuCollections.AddressSpaces;

namespace RcuCollections.Benchmarks.Baselines;

/// <summary>
/// One section of <see cref="QemuStyleDispatch"/> (QEMU's <c>MemoryRegionSection</c>): a flat range, or a subpage whose
/// per-byte table points at the sections sharing one page.
/// </summary>
internal sealed class QemuDispatchSection(MemoryRegion region, ulong start, UInt128 size, ulong offsetInRegion, bool readOnly, ushort[]? subpage = null)
{
    public MemoryRegion Region { get; } = region;

    public ulong Start { get; } = start;

    public UInt128 Size { get; } = size;

    public ulong OffsetInRegion { get; } = offsetInRegion;

    public bool ReadOnly { get; } = readOnly;

    /// <summary>For a subpage: the section index of every byte of the page (8 KiB per 4 KiB page, as QEMU).</summary>
    public ushort[]? Subpage { get; } = subpage;

    /// <summary>QEMU's <c>section_covers_addr</c>; a 2^64 section covers everything.</summary>
    public bool Covers(ulong address) => (UInt128)(address - Start) < Size && address >= Start;
}
