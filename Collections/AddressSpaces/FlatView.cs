using RcuCollections.Internal;
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
/// Lookup: a most-recently-used hint (QEMU's per-view <c>mru_section</c>, a benign racy cache), then an adaptive radix
/// index over the range starts that ends in a leaf of at most four candidates, resolved with branch-free compares.
/// </remarks>
public sealed class FlatView
{
    private const int MinimumBuckets = 16;
    private const int MaximumBuckets = 1 << 16;

    // The lookup index (see LookupIndexBuilder): a first-level table over [first start, last start] and interior
    // nodes of 2^FanBits entries for buckets that hold more than LeafCapacity candidate ranges. An entry >= 0 is a
    // leaf: (first candidate << CountBits) | candidate count; an entry < 0 is ~(offset of an interior node).
    internal const int FanBits = 4;
    internal const int LeafCapacity = 4;
    internal const int CountBits = 4;

    private readonly FlatRange[] _ranges;
    private readonly ulong[] _starts;
    private readonly int[] _level1;
    private readonly int[] _interior;
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

        (_level1, _interior, _indexBase, _indexLastStart, _indexShift) = LookupIndexBuilder.Build(_starts, MinimumBuckets, MaximumBuckets);
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

        // Descend the adaptive radix index to a leaf: at most LeafCapacity candidates, the first of which starts at
        // or below the address. Dense clusters (the low megabyte, a BAR window) get deeper nodes; sparse space
        // resolves in the first level.
        ulong relative = address - _indexBase;
        int shift = _indexShift;
        int entry = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_level1), (nint)(relative >> shift));
        while (entry < 0)
        {
            shift -= FanBits;
            entry = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_interior), ~entry + (int)((relative >> shift) & ((1 << FanBits) - 1)));
        }

        int low = entry >> CountBits;
        int count = entry & ((1 << CountBits) - 1);

        // The candidates are sorted: the answer is the first one plus how many of the others start at or below the
        // address. The compares are independent and branch-free.
        ref ulong start = ref MemoryMarshal.GetArrayDataReference(starts);
        int index = low;
        for (int j = 1; j < count; j++)
        {
            index += Unsafe.Add(ref start, low + j) <= address ? 1 : 0;
        }

        return index;
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

        // Increment-if-nonzero: the CAS (a full fence) pairs with the decrement in ReleaseReference, so once the count
        // has reached zero (destruction scheduled) no lease can resurrect the view.
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
    /// <param name="underLock">True under the map's writer lock: the deferral then never waits for back-pressure (a
    /// callback may need the lock); the caller applies it once the lock is released.</param>
    /// <remarks>
    /// If the domain was disposed, no grace period can be waited for any more: the view is left to the garbage collector
    /// and its owners are not released (a reader may still be translating through it, so releasing them now is unsafe).
    /// </remarks>
    internal void ReleaseReference(bool underLock = false)
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
                // Nothing to release after a grace period; the flag only feeds IsReleased (read with Volatile.Read).
                Volatile.Write(ref _destroyed, 1);
                return;
            }

            Debug.Assert(_domain is not null, "a view with owners has a domain");
            if (CollectionMutants.Is(CollectionMutant.FlatViewReleasedOnCommit)) { Destroy(); return; } // mutant 11: no grace period
            try
            {
                _domain.Defer(Destroy, waitForCapacity: !underLock);
            }
            catch (ObjectDisposedException)
            {
                // The domain is being disposed: the commit completes, and the owners are released once its disposal (and
                // its last grace period, which waits for every reader that could still translate through this view) is over.
                AfterDomainDisposal.Run(_domain, static view => ((FlatView)view).Destroy(), this);
            }
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
