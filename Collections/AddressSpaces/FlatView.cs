using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RcuCollections.AddressSpaces;

/// <summary>
/// An immutable rendering of a region tree (QEMU's <c>FlatView</c>): sorted, disjoint, simplified ranges plus the
/// lookup structure readers translate with. Address spaces whose roots reduce to the same region share one view.
/// A view is published by a commit and, once replaced, retired through the RCU domain: the owners of its regions are
/// released only after every reader that could have seen it has left its read-side section.
/// </summary>
/// <remarks>
/// Lookup: a most-recently-used hint (QEMU's per-view <c>mru_section</c>, a benign racy cache), then a bucket table
/// over the range starts that narrows the search to a handful of candidates, then a branch-free binary search.
/// </remarks>
public sealed class FlatView
{
    private const int MinimumBuckets = 16;
    private const int MaximumBuckets = 1 << 17;

    private readonly FlatRange[] _ranges;
    private readonly ulong[] _starts;
    private readonly int[] _bucketFirst;
    private readonly ulong _indexBase;
    private readonly ulong _indexLastStart;
    private readonly int _indexShift;
    private readonly ReadOnlyCollection<FlatRange> _rangesView;
    private readonly MemoryRegionOwner[] _owners;
    private readonly RcuDomain? _domain;
    private readonly bool _isPermanent;
    private PaddedIndexCell _mostRecentlyUsed;

    // Publications (one per address space that has this as its current view) plus leases. Reaching zero schedules
    // the release of the owners after a grace period; it never goes up again from zero (TryAddReference refuses).
    private int _references;
    private int _destroyed;

    internal FlatView(MemoryRegion? root, FlatRange[] ranges, RcuDomain? domain, bool isPermanent = false)
    {
        Root = root;
        _ranges = ranges;
        _domain = domain;
        _isPermanent = isPermanent;
        _rangesView = new ReadOnlyCollection<FlatRange>(ranges);
        _starts = new ulong[ranges.Length];
        for (int i = 0; i < ranges.Length; i++)
        {
            _starts[i] = ranges[i].Start;
            Debug.Assert(i == 0 || ranges[i - 1].End <= ranges[i].Start, "ranges are sorted and disjoint");
        }

        (_bucketFirst, _indexBase, _indexLastStart, _indexShift) = BuildBucketIndex(_starts);
        _owners = CollectOwners(root, ranges);
        foreach (MemoryRegionOwner owner in _owners)
        {
            owner.AddViewReference();
        }
    }

    /// <summary>The region the view was rendered from (the reduced root), or null for the empty view.</summary>
    public MemoryRegion? Root { get; }

    /// <summary>The ranges in increasing address order.</summary>
    public IReadOnlyList<FlatRange> Ranges => _rangesView;

    internal static FlatView Empty { get; } = new(null, [], domain: null, isPermanent: true);

    internal bool IsReleased => Volatile.Read(ref _destroyed) != 0;

    internal FlatRange[] RangeArray => _ranges;

    /// <summary>
    /// Translates <paramref name="address"/> through this view. The view is immutable, so this needs no lock; call it
    /// inside a read-side section (or under a <see cref="FlatViewLease"/>) if the result is used to reach an owner's
    /// resources, since outside one the owner may already have been released.
    /// </summary>
    /// <param name="address">A guest address.</param>
    /// <returns>The translation, or the unassigned result.</returns>
    public TranslationResult Translate(ulong address)
    {
        FlatRange[] ranges = _ranges;

        // The hint is a plain racy read: any index in range is a valid candidate of this view, and a miss only
        // costs the search. Its write below races benignly with other readers for the same reason.
        int hint = _mostRecentlyUsed.Value;
        if ((uint)hint < (uint)ranges.Length)
        {
            ref FlatRange hinted = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(ranges), hint);
            ulong delta = address - hinted.Start;
            if (delta <= hinted.SizeMinusOne)
            {
                return new TranslationResult(hinted.Region, hinted.OffsetInRegion + delta, hinted.SizeMinusOne - delta, hinted.ReadOnly);
            }
        }

        int index = FindCandidate(address);
        if (index >= 0)
        {
            ref FlatRange range = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(ranges), index);
            ulong delta = address - range.Start;
            if (delta <= range.SizeMinusOne)
            {
                _mostRecentlyUsed.Value = index;
                return new TranslationResult(range.Region, range.OffsetInRegion + delta, range.SizeMinusOne - delta, range.ReadOnly);
            }
        }

        return Unassigned(address, index);
    }

    /// <summary>Translation without the shared hint (for measurement and for callers with no locality).</summary>
    internal TranslationResult TranslateWithoutHint(ulong address)
    {
        int index = FindCandidate(address);
        if (index >= 0)
        {
            ref FlatRange range = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_ranges), index);
            ulong delta = address - range.Start;
            if (delta <= range.SizeMinusOne)
            {
                return new TranslationResult(range.Region, range.OffsetInRegion + delta, range.SizeMinusOne - delta, range.ReadOnly);
            }
        }

        return Unassigned(address, index);
    }

    /// <summary>The index of the last range whose start is ≤ <paramref name="address"/>, or −1.</summary>
    internal int FindCandidate(ulong address)
    {
        ulong[] starts = _starts;
        if (starts.Length == 0 || address < _indexBase)
        {
            return -1;
        }

        if (address >= _indexLastStart)
        {
            return starts.Length - 1;
        }

        ref int buckets = ref MemoryMarshal.GetArrayDataReference(_bucketFirst);
        int bucket = (int)((address - _indexBase) >> _indexShift);
        int low = Unsafe.Add(ref buckets, bucket);
        int length = Unsafe.Add(ref buckets, bucket + 1) - low + 1;

        // Invariant: starts[low] <= address. Branch-free halving (the JIT turns the conditional into a cmov), so a
        // random address costs no mispredictions.
        ref ulong start = ref MemoryMarshal.GetArrayDataReference(starts);
        while (length > 1)
        {
            int half = length >> 1;
            low = Unsafe.Add(ref start, low + half) <= address ? low + half : low;
            length -= half;
        }

        return low;
    }

    internal void AddReference()
    {
        if (_isPermanent)
        {
            return;
        }

        int count = Interlocked.Increment(ref _references);
        Debug.Assert(count > 1 || Volatile.Read(ref _destroyed) == 0, "a released view is never published again");
    }

    /// <summary>QEMU's <c>flatview_ref</c>: increment unless the count already reached zero (the view is being retired).</summary>
    internal bool TryAddReference()
    {
        if (_isPermanent)
        {
            return true;
        }

        int current = Volatile.Read(ref _references);
        while (current > 0)
        {
            int seen = Interlocked.CompareExchange(ref _references, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    /// <summary>
    /// Drops one reference; the last one defers the release of the owners by a grace period, because readers that
    /// loaded this view before it was replaced may still be translating through it.
    /// </summary>
    internal void ReleaseReference()
    {
        if (_isPermanent)
        {
            return;
        }

        int count = Interlocked.Decrement(ref _references);
        Debug.Assert(count >= 0, "view reference released twice");
        if (count == 0)
        {
            if (_owners.Length == 0)
            {
                Volatile.Write(ref _destroyed, 1);
                return;
            }

            Debug.Assert(_domain is not null, "a view with owners has a domain");
            _domain.Defer(Destroy);
        }
    }

    private void Destroy()
    {
        if (Interlocked.Exchange(ref _destroyed, 1) != 0)
        {
            Debug.Fail("a view is destroyed once");
            return;
        }

        List<Exception>? failures = null;
        foreach (MemoryRegionOwner owner in _owners)
        {
            try
            {
                owner.ReleaseViewReference();
            }
            catch (Exception ex)
            {
                // One failing owner must not keep the others referenced forever.
                (failures ??= []).Add(ex);
            }
        }

        if (failures is not null)
        {
            throw new AggregateException("One or more memory region owners failed in OnReleased.", failures);
        }
    }

    private TranslationResult Unassigned(ulong address, int candidate)
    {
        // Section 0 covers [0, 2^64) with offset_within_region 0, so the offset is the address itself; the length runs
        // to the next mapped range so a read/write loop can skip the hole in one step.
        int next = candidate + 1;
        ulong lengthMinusOne = next < _starts.Length ? _starts[next] - address - 1 : ulong.MaxValue - address;
        return new TranslationResult(MemoryRegion.Unassigned, address, lengthMinusOne, readOnly: false);
    }

    private static (int[] Buckets, ulong Base, ulong LastStart, int Shift) BuildBucketIndex(ulong[] starts)
    {
        if (starts.Length == 0)
        {
            return ([0, 0], 0, 0, 0);
        }

        // Buckets cover [first start, last start]: below it nothing is mapped, above it the last range is the only
        // candidate, so a trailing 2^64 background range does not stretch the table.
        ulong first = starts[0];
        ulong last = starts[^1];
        ulong span = last - first;
        int target = (int)Math.Clamp(BitOperations.RoundUpToPowerOf2((uint)starts.Length) * 2, MinimumBuckets, MaximumBuckets);
        int shift = 0;
        while ((span >> shift) >= (ulong)target)
        {
            shift++;
        }

        int bucketCount = (int)(span >> shift) + 1;
        int[] buckets = new int[bucketCount + 1];
        int candidate = 0;
        for (int b = 0; b <= bucketCount; b++)
        {
            UInt128 bucketStart = (UInt128)first + ((UInt128)(uint)b << shift);
            while (candidate + 1 < starts.Length && starts[candidate + 1] <= bucketStart)
            {
                candidate++;
            }

            buckets[b] = candidate;
        }

        return (buckets, first, last, shift);
    }

    private static MemoryRegionOwner[] CollectOwners(MemoryRegion? root, FlatRange[] ranges)
    {
        HashSet<MemoryRegionOwner>? owners = null;
        if (root?._owner is { } rootOwner)
        {
            (owners ??= new HashSet<MemoryRegionOwner>(ReferenceEqualityComparer.Instance)).Add(rootOwner);
        }

        MemoryRegion? previous = null;
        foreach (FlatRange range in ranges)
        {
            if (!ReferenceEquals(range.Region, previous) && range.Region._owner is { } owner)
            {
                (owners ??= new HashSet<MemoryRegionOwner>(ReferenceEqualityComparer.Instance)).Add(owner);
            }

            previous = range.Region;
        }

        return owners is null ? [] : [.. owners];
    }
}
