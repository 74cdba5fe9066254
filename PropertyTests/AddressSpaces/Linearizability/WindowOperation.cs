namespace RcuCollections.Tests.AddressSpaces.Linearizability;

/// <summary>A call: remaps carry unique page numbers so a read names the write it saw.</summary>
/// <param name="Command">What it does.</param>
/// <param name="Window">The window (0 or 1) for Remap and Translate.</param>
/// <param name="Page">The page for Remap, or window 0's page for RemapBoth.</param>
/// <param name="OtherPage">Window 1's page for RemapBoth.</param>
public readonly record struct WindowOperation(WindowCommand Command, int Window, int Page, int OtherPage)
{
    /// <inheritdoc/>
    public override string ToString() => Command switch
    {
        WindowCommand.Remap => $"Remap(w{Window}, {Page})",
        WindowCommand.RemapBoth => $"RemapBoth({Page}, {OtherPage})",
        WindowCommand.Translate => $"Translate(w{Window})",
        _ => "Snapshot()",
    };
}
