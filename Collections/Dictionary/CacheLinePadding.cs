using System.Runtime.InteropServices;

namespace RcuCollections;

/// <summary>64 bytes of nothing: a field of this type keeps hot fields of neighbouring objects off one cache line.</summary>
[StructLayout(LayoutKind.Explicit, Size = 64)]
internal readonly struct CacheLinePadding
{
}
