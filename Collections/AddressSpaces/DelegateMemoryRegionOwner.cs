namespace RcuCollections.AddressSpaces;

/// <summary>A <see cref="MemoryRegionOwner"/> whose release runs a delegate.</summary>
internal sealed class DelegateMemoryRegionOwner(Action onReleased) : MemoryRegionOwner
{
    protected override void OnReleased() => onReleased();
}
