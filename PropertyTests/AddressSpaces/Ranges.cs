using RcuCollections.AddressSpaces;

namespace RcuCollections.Tests.AddressSpaces;

/// <summary>Formatting helpers: ranges in the examples' notation, <c>[start,end) name @offset [ro]</c>.</summary>
internal static class Ranges
{
    public static string[] Of(FlatView view) => view.Ranges.Select(r => r.ToString()).ToArray();

    public static string[] Of(AddressSpace space) => Of(space.CurrentView);

    /// <summary>A map with one address space over a fresh 2^64 root container named "system".</summary>
    public static (MemoryMap Map, MemoryRegion Root, AddressSpace Space) NewSystem(RcuDomain? domain = null)
    {
        MemoryMap map = new(domain);
        MemoryRegion root = MemoryRegion.Container("system", ulong.MaxValue);
        AddressSpace space = map.CreateAddressSpace("memory", root);
        return (map, root, space);
    }
}
