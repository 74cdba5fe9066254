namespace RcuCollections.AddressSpaces;

/// <summary>
/// Callbacks of an MMIO region (QEMU's <c>MemoryRegionOps</c>). They run on the accessing thread, inside its
/// RCU read-side section, so they must not wait for a grace period and should return promptly.
/// </summary>
public interface IMmioHandler
{
    /// <summary>Reads <paramref name="size"/> bytes (1, 2, 4 or 8, naturally aligned) at <paramref name="offset"/> in the region.</summary>
    /// <param name="offset">The offset of the access inside the region.</param>
    /// <param name="size">The access size in bytes: 1, 2, 4 or 8.</param>
    /// <returns>The value read; only its low <paramref name="size"/> bytes are used (little-endian).</returns>
    ulong Read(ulong offset, int size);

    /// <summary>Writes the low <paramref name="size"/> bytes of <paramref name="value"/> at <paramref name="offset"/> in the region.</summary>
    /// <param name="offset">The offset of the access inside the region.</param>
    /// <param name="value">The value to write (little-endian).</param>
    /// <param name="size">The access size in bytes: 1, 2, 4 or 8.</param>
    void Write(ulong offset, ulong value, int size);
}
