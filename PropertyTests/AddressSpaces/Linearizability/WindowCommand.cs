namespace RcuCollections.Tests.AddressSpaces.Linearizability;

/// <summary>What a call on <see cref="WindowMapUnderTest"/> does.</summary>
public enum WindowCommand
{
    /// <summary>Points one window at a new page (one commit).</summary>
    Remap,

    /// <summary>Points both windows at new pages in one transaction (one commit).</summary>
    RemapBoth,

    /// <summary>Translates an address in one window (its own read section).</summary>
    Translate,

    /// <summary>Reads both windows from the current view inside one read section.</summary>
    Snapshot,
}
