using RcuCollections.AddressSpaces;

namespace RcuCollections.Benchmarks.Baselines;

/// <summary>
/// The lock-based baseline: the same sorted ranges, searched by binary search under a
/// <see cref="ReaderWriterLockSlim"/> read lock; an update swaps the arrays under the write lock.
/// </summary>
internal sealed class RwLockSortedRanges : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private ulong[] _starts = [];
    private FlatRange[] _ranges = [];

    public RwLockSortedRanges(IReadOnlyList<FlatRange> ranges) => Replace(ranges);

    public void Replace(IReadOnlyList<FlatRange> ranges)
    {
        FlatRange[] copy = [.. ranges];
        ulong[] starts = copy.Select(r => r.Start).ToArray();
        _lock.EnterWriteLock();
        try
        {
            _ranges = copy;
            _starts = starts;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public TranslationResult Translate(ulong address)
    {
        _lock.EnterReadLock();
        try
        {
            int index = Array.BinarySearch(_starts, address);
            if (index < 0)
            {
                index = ~index - 1;
            }

            if (index >= 0 && _ranges[index].Contains(address))
            {
                FlatRange range = _ranges[index];
                ulong delta = address - range.Start;
                return new TranslationResult(range.Region, range.OffsetInRegion + delta, range.SizeMinusOne - delta, range.ReadOnly);
            }

            ulong next = index + 1 < _starts.Length ? _starts[index + 1] - address - 1 : ulong.MaxValue - address;
            return new TranslationResult(MemoryRegion.Unassigned, address, next, false);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
