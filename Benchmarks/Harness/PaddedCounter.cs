using System.Runtime.InteropServices;

namespace RcuCollections.Benchmarks.Harness;

/// <summary>
/// A single 64-bit counter alone on its own 128-byte block (two cache lines, so the adjacent-line prefetcher
/// cannot pair it with a neighbour). Use an array of these, one element per thread, for counters that are
/// written by one thread and read by another while both run.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
public struct PaddedCounter
{
    /// <summary>The counter. Writers use <see cref="Volatile.Write(ref long, long)"/>, readers <see cref="Volatile.Read(ref readonly long)"/>.</summary>
    [FieldOffset(64)] public long Value;
}
