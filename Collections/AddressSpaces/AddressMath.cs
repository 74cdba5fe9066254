namespace RcuCollections.AddressSpaces;

/// <summary>128-bit helpers for guest-physical arithmetic: region sizes reach 2^64 and view ends are 65-bit values.</summary>
internal static class AddressMath
{
    /// <summary>2^64: the size of a full address space, and the exclusive end of the root clip.</summary>
    public static readonly UInt128 TwoToThe64 = (UInt128)1 << 64;

    /// <summary>
    /// Applies QEMU's size convention: the argument <see cref="ulong.MaxValue"/> means 2^64, so a region of exactly
    /// 2^64 − 1 bytes cannot be expressed. Sizes above 2^64 are rejected.
    /// </summary>
    public static UInt128 NormalizeSize(UInt128 size, string parameterName)
    {
        if (size == ulong.MaxValue)
        {
            return TwoToThe64;
        }

        if (size > TwoToThe64)
        {
            throw new ArgumentOutOfRangeException(parameterName, size, "A region cannot be larger than 2^64 bytes.");
        }

        return size;
    }

    /// <summary>The inclusive last address of a non-empty span, wrapping like QEMU's <c>MR_SIZE</c> (size 0 gives start).</summary>
    public static ulong InclusiveEnd(ulong start, UInt128 size) => size == 0 ? start : unchecked(start + (ulong)(size - 1));
}
