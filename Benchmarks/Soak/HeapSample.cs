namespace RcuCollections.Benchmarks.Soak;

/// <summary>One managed-heap sample: the time since the start, and the live bytes after a full compacting GC.</summary>
/// <param name="Seconds">Seconds since the start of the run.</param>
/// <param name="Bytes">GC.GetTotalMemory(true) after the forced collection.</param>
public readonly record struct HeapSample(double Seconds, long Bytes);
