using RcuCollections.AddressSpaces;
using RcuCollections.Benchmarks.Baselines;

namespace RcuCollections.Benchmarks.AddressSpaces;

/// <summary>Before measuring, every variant must return the same translation for every sampled address.</summary>
internal static class TranslateCrossCheck
{
    public static void Verify(FlatView view, QemuStyleDispatch qemu, RwLockSortedRanges rwLock, ulong[] addresses)
    {
        foreach (ulong address in addresses)
        {
            TranslationResult expected = view.Translate(address);
            Check(address, expected, qemu.Translate(address), "QEMU-style dispatch");
            Check(address, expected, rwLock.Translate(address), "RW-lock sorted array");
            Check(address, expected, view.TranslateWithoutHint(address), "hint-free search");
        }
    }

    private static void Check(ulong address, TranslationResult expected, TranslationResult actual, string variant)
    {
        if (!ReferenceEquals(expected.Region, actual.Region) || expected.OffsetInRegion != actual.OffsetInRegion
            || expected.Length != actual.Length || expected.ReadOnly != actual.ReadOnly)
        {
            throw new InvalidOperationException($"{variant} disagrees at 0x{address:x}: expected {expected}, got {actual}");
        }
    }
}
