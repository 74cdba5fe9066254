namespace RcuCollections.AddressSpaces;

/// <summary>
/// A reference on a flat view that outlives a read-side section (QEMU's <c>address_space_get_flatview</c> +
/// <c>flatview_unref</c>), for long-lived users such as a DMA mapping: while the lease is held, the owners of the
/// view's regions are not released. Dispose it to let the view retire.
/// </summary>
public sealed class FlatViewLease : IDisposable
{
    private FlatView? _view;

    internal FlatViewLease(FlatView view) => _view = view;

    /// <summary>The leased view.</summary>
    /// <exception cref="ObjectDisposedException">The lease was disposed.</exception>
    public FlatView View => _view ?? throw new ObjectDisposedException(nameof(FlatViewLease));

    /// <summary>Drops the reference; the view is released a grace period after its last reference goes.</summary>
    public void Dispose() => Interlocked.Exchange(ref _view, null)?.ReleaseReference();
}
