using RcuCollections.AddressSpaces;

namespace RcuCollections.Benchmarks.AddressSpaces;

/// <summary>The address streams of workload 1.</summary>
internal static class AddressPatterns
{
    /// <summary>Uniform over ranges (every range equally likely, then a random byte in it): no locality, dense areas count.</summary>
    public static ulong[] Random(FlatView view, int count, int seed)
    {
        Random random = new(seed);
        IReadOnlyList<FlatRange> ranges = view.Ranges;
        ulong[] addresses = new ulong[count];
        for (int i = 0; i < count; i++)
        {
            addresses[i] = RandomIn(ranges[random.Next(ranges.Count)], random);
        }

        return addresses;
    }

    /// <summary>90% of accesses go to RAM below 4 GiB (random bytes in it), 10% are uniform over ranges.</summary>
    public static ulong[] Locality(FlatView view, int count, int seed)
    {
        Random random = new(seed);
        IReadOnlyList<FlatRange> ranges = view.Ranges;
        FlatRange ram = ranges.Where(r => r.Region.Name == "pc.ram").MaxBy(r => r.Size);
        ulong[] addresses = new ulong[count];
        for (int i = 0; i < count; i++)
        {
            addresses[i] = random.Next(10) < 9 ? RandomIn(ram, random) : RandomIn(ranges[random.Next(ranges.Count)], random);
        }

        return addresses;
    }

    private static ulong RandomIn(in FlatRange range, Random random)
    {
        ulong span = range.Size > long.MaxValue ? long.MaxValue : (ulong)range.Size;
        return range.Start + (ulong)random.NextInt64((long)span);
    }
}
