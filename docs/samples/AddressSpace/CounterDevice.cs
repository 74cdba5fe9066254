using RcuCollections.AddressSpaces;

/// <summary>A toy MMIO device: reads return how many accesses it has seen.</summary>
internal sealed class CounterDevice : IMmioHandler
{
    private long _accesses;

    public ulong Read(ulong offset, int size) => (ulong)Interlocked.Increment(ref _accesses);

    public void Write(ulong offset, ulong value, int size) => Interlocked.Increment(ref _accesses);
}
