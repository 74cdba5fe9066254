using System.Diagnostics;

namespace RcuCollections.AddressSpaces;

/// <summary>
/// One piece of a <see cref="FlatView"/>: the half-open guest range [<see cref="Start"/>, <see cref="End"/>) maps
/// <see cref="Region"/> from <see cref="OffsetInRegion"/>. Immutable; equality compares every field, which is the
/// comparison QEMU's listener diff uses (<c>flatrange_equal</c>).
/// </summary>
public readonly struct FlatRange : IEquatable<FlatRange>
{
    // Size − 1 rather than Size: a range is never empty and may be 2^64 long, and the translate hot path tests
    // containment with one unsigned compare, (address − Start) <= _sizeMinusOne.
    private readonly ulong _sizeMinusOne;

    internal FlatRange(ulong start, UInt128 size, MemoryRegion region, ulong offsetInRegion, bool readOnly, bool nonvolatile, bool unmergeable)
    {
        Debug.Assert(size > 0 && size <= AddressMath.TwoToThe64, "a flat range is never empty and never longer than 2^64");
        Debug.Assert((UInt128)start + size <= AddressMath.TwoToThe64, "a flat range never extends past 2^64");
        Start = start;
        _sizeMinusOne = (ulong)(size - 1);
        Region = region;
        OffsetInRegion = offsetInRegion;
        ReadOnly = readOnly;
        Nonvolatile = nonvolatile;
        Unmergeable = unmergeable;
    }

    /// <summary>The first guest address of the range.</summary>
    public ulong Start { get; }

    /// <summary>The length in bytes (1 to 2^64).</summary>
    public UInt128 Size => (UInt128)_sizeMinusOne + 1;

    /// <summary>The exclusive end, a 65-bit value when the range reaches the top of the address space.</summary>
    public UInt128 End => (UInt128)Start + _sizeMinusOne + 1;

    /// <summary>The last guest address of the range (inclusive).</summary>
    public ulong Last => Start + _sizeMinusOne;

    /// <summary>The terminating region (RAM, ROM or MMIO) the range maps; never an alias or a pure container.</summary>
    public MemoryRegion Region { get; }

    /// <summary>The offset inside <see cref="Region"/> that <see cref="Start"/> maps to.</summary>
    public ulong OffsetInRegion { get; }

    /// <summary>The effective read-only flag: the region's own flag OR'd with every container and alias above it.</summary>
    public bool ReadOnly { get; }

    /// <summary>The effective non-volatile flag (OR-inherited like <see cref="ReadOnly"/>).</summary>
    public bool Nonvolatile { get; }

    /// <summary>The effective unmergeable flag (OR-inherited); such ranges are never merged with a neighbour.</summary>
    public bool Unmergeable { get; }

    internal ulong SizeMinusOne => _sizeMinusOne;

    /// <summary>True when <paramref name="address"/> lies in the range.</summary>
    /// <param name="address">A guest address.</param>
    public bool Contains(ulong address) => address - Start <= _sizeMinusOne;

    /// <inheritdoc />
    public bool Equals(FlatRange other) =>
        Start == other.Start
        && _sizeMinusOne == other._sizeMinusOne
        && ReferenceEquals(Region, other.Region)
        && OffsetInRegion == other.OffsetInRegion
        && ReadOnly == other.ReadOnly
        && Nonvolatile == other.Nonvolatile
        && Unmergeable == other.Unmergeable;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FlatRange other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Start, _sizeMinusOne, Region, OffsetInRegion, ReadOnly, Nonvolatile, Unmergeable);

    /// <summary>Compares two ranges field by field.</summary>
    public static bool operator ==(FlatRange left, FlatRange right) => left.Equals(right);

    /// <summary>Compares two ranges field by field.</summary>
    public static bool operator !=(FlatRange left, FlatRange right) => !left.Equals(right);

    /// <summary>Formats the range as <c>[start,end) name @offset [ro]</c>, the examples' notation.</summary>
    public override string ToString() =>
        $"[0x{Start:x},0x{End:x}) {Region?.Name} @0x{OffsetInRegion:x}{(ReadOnly ? " ro" : string.Empty)}{(Nonvolatile ? " nv" : string.Empty)}{(Unmergeable ? " um" : string.Empty)}";

    internal FlatRange WithSize(UInt128 size) => new(Start, size, Region, OffsetInRegion, ReadOnly, Nonvolatile, Unmergeable);
}
