using FsCheck;
using FsCheck.Fluent;
using RcuCollections.AddressSpaces;
using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.AddressSpaces;

/// <summary>The flat view's adaptive radix index against a plain predecessor search.</summary>
public class LookupIndexPropertyTests
{
    private static readonly MemoryRegion s_region = MemoryRegion.Ram("r", ulong.MaxValue);

    [Fact]
    public void Translate_AgreesWithAPredecessorSearch_OnRandomClusteredRanges() =>
        Prop.ForAll(RangeSets().ToArbitrary(), CheckView).Check(Config.QuickThrowOnFailure.WithMaxTest(StressTier.Pick(200, 3000)));

    [Fact]
    public void DenseClusterInTheLastBucketBelowTwoToThe64_IsIndexedWithoutOverflow()
    {
        // A shrunk counterexample: split nodes of the last first-level bucket reach past 2^64.
        (ulong Start, ulong End)[] spans =
        [
            (0xfffc7e156b57a701, 0xfffc7e156b57a732), (0xfffffffffff7a732, 0xfffffffffff7b732),
            (0xfffffffffff7b74e, 0xfffffffffff7b764), (0xfffffffffff7b76b, 0xfffffffffff7b7a1),
            (0xfffffffffff7b7cd, 0xfffffffffff7b804), (0xfffffffffff7b80b, 0xfffffffffff7b826),
            (0xfffffffffff7b861, 0xfffffffffff7b864), (0xfffffffffff7b894, 0xfffffffffff7b8ae),
            (0xfffffffffff7b8dc, 0xfffffffffff7b8e9), (0xfffffffffff7b928, 0xfffffffffff7b951),
            (0xfffffffffff7b983, 0xfffffffffff7b99b), (0xfffffffffff7b9b0, 0xfffffffffff7b9b3),
        ];
        FlatRange[] ranges =
        [
            .. spans.Select(s => new FlatRange(s.Start, s.End - s.Start, s_region, s.Start, false, false, false)),
            new FlatRange(0xffffffffffff92dc, ((UInt128)1 << 64) - 0xffffffffffff92dc, s_region, 0xffffffffffff92dc, false, false, false),
        ];
        Assert.True(CheckView(ranges));
    }

    private static bool CheckView(FlatRange[] ranges)
    {
        FlatView view = new(null, ranges, domain: null);
        ulong[] starts = ranges.Select(r => r.Start).ToArray();
        Random random = new(ranges.Length);
        IEnumerable<ulong> probes = ranges
            .SelectMany(r => new[] { r.Start, r.Start - 1, r.Start + 1, r.Last, r.Last + 1, r.Start + ((r.Last - r.Start) / 2) })
            .Concat(Enumerable.Range(0, 64).Select(_ => (ulong)random.NextInt64() * 2))
            .Concat([0UL, ulong.MaxValue]);
        foreach (ulong address in probes)
        {
            int expected = Array.BinarySearch(starts, address);
            expected = expected >= 0 ? expected : ~expected - 1;
            Assert.Equal(expected, view.FindCandidate(address));

            TranslationResult t = view.Translate(address);
            TranslationResult noHint = view.TranslateWithoutHint(address);
            bool mapped = expected >= 0 && ranges[expected].Contains(address);
            Assert.Equal(mapped, !t.IsUnassigned);
            Assert.Equal(t.OffsetInRegion, noHint.OffsetInRegion);
            Assert.Equal(t.Length, noHint.Length);
            if (mapped)
            {
                Assert.Equal(ranges[expected].OffsetInRegion + (address - ranges[expected].Start), t.OffsetInRegion);
                Assert.Equal(ranges[expected].End - address, t.Length);
            }
            else
            {
                UInt128 next = expected + 1 < starts.Length ? starts[expected + 1] : (UInt128)1 << 64;
                Assert.Equal(next - address, t.Length);
            }
        }

        return true;
    }

    /// <summary>Sorted disjoint ranges: clusters of tiny ranges and gaps, big gaps, sometimes reaching 2^64.</summary>
    private static Gen<FlatRange[]> RangeSets()
    {
        Gen<(ulong Gap, ulong Size)> piece = Gen.Frequency(
            (6, from gap in Gen.Choose(0, 64) from size in Gen.Choose(1, 64) select ((ulong)gap, (ulong)size)),
            (2, from gap in Gen.Choose(0, 1 << 20) from size in Gen.Choose(1, 1 << 16) select ((ulong)gap, (ulong)size)),
            (1, from gap in Gen.Choose(1, 1 << 30) select ((ulong)gap << 20, (ulong)0x1000)));
        return from count in Gen.Choose(1, 300)
               from pieces in piece.ArrayOf(count)
               from high in Gen.Elements(false, true)
               select Build(pieces, high);
    }

    private static FlatRange[] Build((ulong Gap, ulong Size)[] pieces, bool nearTheTop)
    {
        List<FlatRange> ranges = [];
        UInt128 cursor = nearTheTop ? ((UInt128)1 << 64) - pieces.Aggregate((UInt128)0, (sum, p) => sum + p.Gap + p.Size) : 0;
        foreach ((ulong gap, ulong size) in pieces)
        {
            cursor += gap;
            if (cursor + size > (UInt128)1 << 64)
            {
                break;
            }

            ranges.Add(new FlatRange((ulong)cursor, size, s_region, (ulong)cursor, readOnly: false, nonvolatile: false, unmergeable: false));
            cursor += size;
        }

        return [.. ranges];
    }
}
