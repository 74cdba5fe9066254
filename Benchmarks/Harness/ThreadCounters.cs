using System.Runtime.InteropServices;

namespace RcuCollections.Benchmarks.Harness;

/// <summary>
/// One measuring thread's counters, padded to two cache lines (128 bytes: 64-byte lines plus the adjacent-line
/// prefetcher) so that threads updating neighbouring array elements never share a line. Only the owning thread
/// writes an element while the threads run; the controller reads them after joining the threads, so plain
/// fields suffice (Thread.Join orders the writes before the reads).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 192)]
public struct ThreadCounters
{
    /// <summary>Operations completed when the measuring window opened.</summary>
    [FieldOffset(64)] public long StartOperations;

    /// <summary>Operations completed when the measuring window closed.</summary>
    [FieldOffset(72)] public long EndOperations;

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp when this thread saw the window open.</summary>
    [FieldOffset(80)] public long StartTimestamp;

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp when this thread saw the window close.</summary>
    [FieldOffset(88)] public long EndTimestamp;

    /// <summary>Bytes allocated by this thread when the window opened.</summary>
    [FieldOffset(96)] public long StartAllocatedBytes;

    /// <summary>Bytes allocated by this thread when the window closed.</summary>
    [FieldOffset(104)] public long EndAllocatedBytes;

    /// <summary>Gets the operations done inside the window.</summary>
    public readonly long Operations => EndOperations - StartOperations;

    /// <summary>Gets the bytes allocated inside the window.</summary>
    public readonly long AllocatedBytes => EndAllocatedBytes - StartAllocatedBytes;

    /// <summary>Gets the window as this thread saw it, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
    public readonly long ElapsedTicks => EndTimestamp - StartTimestamp;
}
