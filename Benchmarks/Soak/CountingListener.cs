using RcuCollections.AddressSpaces;

namespace RcuCollections.Benchmarks.Soak;

/// <summary>
/// A memory listener that keeps the number of ranges it was told about (adds minus deletions), which must equal the
/// address space's current view at quiescence, and that throws from its next callback when armed (after counting
/// it). The map must finish the commit, publish the views and rethrow to the writer.
/// </summary>
public sealed class CountingListener : IMemoryListener
{
    private int _ranges;
    private int _armed;
    private long _thrown;

    /// <summary>Gets the ranges added and not deleted.</summary>
    public int Ranges => Volatile.Read(ref _ranges);

    /// <summary>Gets the injected exceptions thrown so far.</summary>
    public long Thrown => Interlocked.Read(ref _thrown);

    /// <summary>Makes the next callback throw.</summary>
    public void Arm() => Volatile.Write(ref _armed, 1);

    /// <summary>Disarms the listener (before a teardown that must not throw).</summary>
    public void Disarm() => Volatile.Write(ref _armed, 0);

    /// <inheritdoc />
    public void Begin() => MaybeThrow();

    /// <inheritdoc />
    public void Commit() => MaybeThrow();

    /// <inheritdoc />
    public void RegionAdd(FlatRange range)
    {
        Interlocked.Increment(ref _ranges);
        MaybeThrow();
    }

    /// <inheritdoc />
    public void RegionDel(FlatRange range)
    {
        Interlocked.Decrement(ref _ranges);
        MaybeThrow();
    }

    /// <inheritdoc />
    public void RegionNop(FlatRange range) => MaybeThrow();

    private void MaybeThrow()
    {
        if (Volatile.Read(ref _armed) != 0 && Interlocked.Exchange(ref _armed, 0) != 0)
        {
            Interlocked.Increment(ref _thrown);
            throw new SoakInjectedException("memory listener");
        }
    }
}
