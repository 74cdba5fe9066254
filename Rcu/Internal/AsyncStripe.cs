using System.Runtime.InteropServices;

namespace RcuCollections.Internal;

/// <summary>
/// One stripe of a domain's async-section counters: how many sections entered and exited in each of the two phases.
/// A section increments the stripe of the CPU it runs on (so threads on different cores write different lines), and
/// may exit on another stripe: only the sums over all stripes mean anything. Padded to two cache lines (the adjacent-line
/// prefetcher pairs lines) so that stripes never share one.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct AsyncStripe
{
    [FieldOffset(0)] public long Entered0;
    [FieldOffset(8)] public long Entered1;
    [FieldOffset(16)] public long Exited0;
    [FieldOffset(24)] public long Exited1;
}
