namespace RcuCollections.AddressSpaces;

/// <summary>
/// Reads region configuration under the owning map's writer lock, so a getter never sees a torn 128-bit size or a
/// half-done move. The lock is re-entrant: getters work inside transactions and listener callbacks.
/// </summary>
internal readonly ref struct ConfigurationReadScope
{
    private readonly object? _gate;

    public ConfigurationReadScope(MemoryRegion region)
    {
        _gate = region.MapUnsafe?.Gate;
        if (_gate is not null)
        {
            Monitor.Enter(_gate);
        }
    }

    public void Dispose()
    {
        if (_gate is not null)
        {
            Monitor.Exit(_gate);
        }
    }
}
