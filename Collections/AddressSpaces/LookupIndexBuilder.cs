using System.Diagnostics;
using System.Numerics;

namespace RcuCollections.AddressSpaces;

/// <summary>
/// Builds a flat view's lookup index: an adaptive radix tree over addresses relative to the first range start.
/// The first level splits [first start, last start] into about four buckets per range; a bucket whose addresses can
/// fall in more than <see cref="FlatView.LeafCapacity"/> ranges is split into 2^<see cref="FlatView.FanBits"/> equal
/// parts, recursively. Leaves name the first candidate and the candidate count. The first level is filled by one
/// sweep over the starts (O(buckets + n)); a split node searches only its parent's candidates, and nodes only appear
/// where ranges are dense, so the index stays a few times the size of the view.
/// </summary>
internal static class LookupIndexBuilder
{
    public static (int[] Level1, int[] Interior, ulong Base, ulong LastStart, int Shift) Build(ulong[] starts, int minimumBuckets, int maximumBuckets)
    {
        if (starts.Length == 0)
        {
            return ([0], [], 0, 0, 0);
        }

        ulong first = starts[0];
        ulong last = starts[^1];
        ulong span = last - first;
        int target = (int)Math.Clamp(BitOperations.RoundUpToPowerOf2((uint)starts.Length) * 4, (uint)minimumBuckets, (uint)maximumBuckets);
        int shift = 0;
        while ((span >> shift) >= (ulong)target)
        {
            shift++;
        }

        int buckets = (int)(span >> shift) + 1;
        int[] level1 = new int[buckets];
        List<int> interior = [];

        // Sweep: the predecessor of each bucket's first address only moves forward.
        int lowCandidate = 0;
        for (int b = 0; b < buckets; b++)
        {
            ulong low = first + ((ulong)b << shift);
            while (lowCandidate + 1 < starts.Length && starts[lowCandidate + 1] <= low)
            {
                lowCandidate++;
            }

            ulong high = LastAddress(low, shift);
            int highCandidate = lowCandidate;
            while (highCandidate + 1 < starts.Length && starts[highCandidate + 1] <= high)
            {
                highCandidate++;
            }

            level1[b] = Entry(starts, first, (ulong)b << shift, shift, lowCandidate, highCandidate, interior);
        }

        return (level1, [.. interior], first, last, shift);
    }

    /// <summary>The entry for relative addresses [relative, relative + 2^shift), whose candidates are [lowCandidate, highCandidate].</summary>
    private static int Entry(ulong[] starts, ulong first, ulong relative, int shift, int lowCandidate, int highCandidate, List<int> interior)
    {
        int count = highCandidate - lowCandidate + 1;
        Debug.Assert(lowCandidate >= 0 && count >= 1, "buckets start at or after the first range start");

        // Split only while a whole level of FanBits remains; below that a bucket spans fewer than 2^FanBits addresses,
        // hence has fewer candidates than that, which still fit the count field.
        if (count <= FlatView.LeafCapacity || shift < FlatView.FanBits)
        {
            Debug.Assert(count < 1 << FlatView.CountBits, "a bucket of fewer than 2^FanBits addresses has few candidates");
            return (lowCandidate << FlatView.CountBits) | count;
        }

        int childShift = shift - FlatView.FanBits;
        int fan = 1 << FlatView.FanBits;
        int node = interior.Count;
        for (int i = 0; i < fan; i++)
        {
            interior.Add(0);
        }

        for (int i = 0; i < fan; i++)
        {
            UInt128 childLow128 = (UInt128)first + relative + ((UInt128)(uint)i << childShift);
            if (childLow128 > ulong.MaxValue)
            {
                // Past 2^64 (the parent is the last bucket near the top): no address lands here.
                interior[node + i] = (highCandidate << FlatView.CountBits) | 1;
                continue;
            }

            ulong childRelative = relative + ((ulong)i << childShift);
            ulong low = (ulong)childLow128;
            int childLow = Predecessor(starts, low, lowCandidate, highCandidate);
            int childHigh = Predecessor(starts, LastAddress(low, childShift), childLow, highCandidate);
            interior[node + i] = Entry(starts, first, childRelative, childShift, childLow, childHigh, interior);
        }

        return ~node;
    }

    private static ulong LastAddress(ulong low, int shift)
    {
        UInt128 end = (UInt128)low + ((UInt128)1 << shift);
        return end > ulong.MaxValue ? ulong.MaxValue : (ulong)(end - 1);
    }

    /// <summary>The last index in [<paramref name="from"/>, <paramref name="to"/>] whose start is ≤ <paramref name="address"/>; starts[from] ≤ address.</summary>
    private static int Predecessor(ulong[] starts, ulong address, int from, int to)
    {
        int index = Array.BinarySearch(starts, from, to - from + 1, address);
        return index >= 0 ? index : ~index - 1;
    }
}
