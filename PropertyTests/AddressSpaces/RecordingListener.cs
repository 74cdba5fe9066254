using RcuCollections.AddressSpaces;

namespace RcuCollections.Tests.AddressSpaces;

/// <summary>Appends every callback, tagged with its name, to a shared log; applies add/del to its own range set.</summary>
internal sealed class RecordingListener(string name, List<string> log) : IMemoryListener
{
    public SortedDictionary<ulong, FlatRange> Ranges { get; } = [];

    public void Begin() => log.Add($"{name}:begin");

    public void RegionAdd(FlatRange range)
    {
        log.Add($"{name}:add {range}");
        Assert.True(Ranges.TryAdd(range.Start, range), $"{name}: add of an already present start {range}");
    }

    public void RegionDel(FlatRange range)
    {
        log.Add($"{name}:del {range}");
        Assert.True(Ranges.Remove(range.Start, out FlatRange present) && present == range, $"{name}: del of an absent range {range}");
    }

    public void RegionNop(FlatRange range)
    {
        log.Add($"{name}:nop {range}");
        Assert.True(Ranges.TryGetValue(range.Start, out FlatRange present) && present == range, $"{name}: nop of an absent range {range}");
    }

    public void Commit() => log.Add($"{name}:commit");
}
