namespace RcuCollections.AddressSpaces;

/// <summary>
/// The result of translating one guest address (QEMU's <c>flatview_translate</c>): the terminating region, the
/// offset inside it, how many bytes remain to the end of the flat range, and the effective read-only flag.
/// An address that nothing maps translates to <see cref="MemoryRegion.Unassigned"/>, as QEMU resolves it to
/// section 0 (<c>io_mem_unassigned</c>); then <see cref="Length"/> runs to the next mapped range.
/// </summary>
public readonly struct TranslationResult
{
    // Length − 1: a translation always covers at least the translated byte and at most 2^64 bytes.
    private readonly ulong _lengthMinusOne;

    internal TranslationResult(MemoryRegion region, ulong offsetInRegion, ulong lengthMinusOne, bool readOnly)
    {
        Region = region;
        OffsetInRegion = offsetInRegion;
        _lengthMinusOne = lengthMinusOne;
        ReadOnly = readOnly;
    }

    /// <summary>The terminating region (never an alias or container); <see cref="MemoryRegion.Unassigned"/> for a hole.</summary>
    public MemoryRegion Region { get; }

    /// <summary>The offset inside <see cref="Region"/>; for an unassigned address, the address itself.</summary>
    public ulong OffsetInRegion { get; }

    /// <summary>The number of bytes from the translated address to the end of its flat range (1 to 2^64).</summary>
    public UInt128 Length => (UInt128)_lengthMinusOne + 1;

    /// <summary>
    /// The effective read-only flag of the range, including what containers and aliases above the region add.
    /// QEMU's translate returns only the target region, so a write through a read-only alias of RAM goes through
    /// there; this library reports (and <see cref="AddressSpace.Write"/> honours) the effective flag.
    /// </summary>
    public bool ReadOnly { get; }

    /// <summary>True when nothing maps the address.</summary>
    public bool IsUnassigned => ReferenceEquals(Region, MemoryRegion.Unassigned);

    internal ulong LengthMinusOne => _lengthMinusOne;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Region?.Name} @0x{OffsetInRegion:x} len 0x{Length:x}{(ReadOnly ? " ro" : string.Empty)}";
}
