using System.Runtime.InteropServices;

namespace RcuCollections.AddressSpaces;

/// <summary>
/// An int alone on its cache line(s): the view's most-recently-used range hint, written by readers on misses,
/// must not share a line with the view's read-mostly fields, or every miss would invalidate them for other readers.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedIndexCell
{
    [FieldOffset(64)]
    public int Value;
}
