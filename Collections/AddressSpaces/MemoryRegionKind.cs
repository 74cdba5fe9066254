namespace RcuCollections.AddressSpaces;

/// <summary>The kind of a <see cref="MemoryRegion"/>, fixed when the region is created.</summary>
public enum MemoryRegionKind
{
    /// <summary>A pure container: it groups subregions and never terminates a lookup (holes stay holes).</summary>
    Container,

    /// <summary>RAM (or ROM when read-only) backed by memory the region owns.</summary>
    Ram,

    /// <summary>Memory-mapped I/O dispatched to an <see cref="IMmioHandler"/>; without a handler it is a reservation.</summary>
    Mmio,

    /// <summary>A window onto part of another region, seen in that region's local coordinates.</summary>
    Alias,
}
