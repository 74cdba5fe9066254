using System.Diagnostics;
using System.Numerics;

namespace RcuCollections.AddressSpaces;

/// <summary>
/// Builds a flat view's lookup index: an adaptive radix tree over addresses relative to the first range start.
/// The first level splits [first start, last start] into about four buckets per range; a bucket whose addresses can
/// fall in more than <see cref="FlatView.LeafCapacity"/> ranges is split into 2^<see cref="FlatView.FanBits"/> equal
/// parts, recursively. Leaves name the first candidate and the candidate count. Building is O(n log n) plus
/// O(nodes), and nodes only appear where ranges are dense, so the index stays a few times the size of the view.
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
        for (int b = 0; b < buckets; b++)
        {
            level1[b] = BuildEntry(starts, first, (ulong)b << shift, shift, interior);
        }

        return (level1, [.. interior], first, last, shift);
    }

    /// <summary>The entry for relative addresses [relative, relative + 2^shift).</summary>
    private static int BuildEntry(ulong[] starts, ulong first, ulong relative, int shift, List<int> interior)
    {
        ulong low = first + relative;
        UInt128 highExclusive = (UInt128)low + ((UInt128)1 << shift);
        ulong high = highExclusive > ulong.MaxValue ? ulong.MaxValue : (ulong)(highExclusive - 1);
        int lowCandidate = Predecessor(starts, low);
        int highCandidate = Predecessor(starts, high);
        int count = highCandidate - lowCandidate + 1;
        Debug.Assert(lowCandidate >= 0 && count >= 1, "buckets start at or after the first range start");

        // Split only while a whole level of FanBits remains; below that a bucket spans at most 2^(FanBits-1)
        // addresses, hence at most that many candidates, which still fit the count field.
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
            interior[node + i] = BuildEntry(starts, first, relative + ((ulong)i << childShift), childShift, interior);
        }

        return ~node;
    }

    /// <summary>The index of the last start ≤ <paramref name="address"/> (−1 if none).</summary>
    private static int Predecessor(ulong[] starts, ulong address)
    {
        int index = Array.BinarySearch(starts, address);
        return index >= 0 ? index : ~index - 1;
    }
}
