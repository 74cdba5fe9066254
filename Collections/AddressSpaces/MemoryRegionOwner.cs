using System.Diagnostics;

namespace RcuCollections.AddressSpaces;

/// <summary>
/// The owner of one or more regions (QEMU's owner object, e.g. the device behind a GPU blob mapping): the hook that
/// learns when the regions are no longer used. Every <see cref="FlatView"/> holds one reference on the owner of each
/// region it maps (and of its root); the view drops them only after it has stopped being current in every address
/// space, every <see cref="FlatViewLease"/> on it is disposed, and an RCU grace period has passed. When the last
/// reference goes, <see cref="OnReleased"/> runs, on the RCU domain's callback thread.
/// </summary>
/// <remarks>
/// <para>So <see cref="OnReleased"/> never runs while a reader that could still hold a translation into one of the
/// owner's regions is inside its read-side section: that is the moment native backing memory may be unmapped, a
/// device finalized, or (in the virtio-gpu case) a suspended command resumed.</para>
/// <para>Containment does not hold a reference (the GC keeps regions alive); only views do. If a region is mapped
/// again after its owner was released, the owner is referenced again and will be released again later.
/// An exception thrown by <see cref="OnReleased"/> is reported through the domain's <c>CallbackFailed</c> event.</para>
/// </remarks>
public abstract class MemoryRegionOwner
{
    private int _viewReferences;
    private int _releaseCount;

    /// <summary>The number of flat views (current, leased, or waiting for their grace period) that refer to this owner.</summary>
    /// <remarks>A diagnostic snapshot: the acquire read sees the latest interlocked update of another thread.</remarks>
    public int ViewReferenceCount => Volatile.Read(ref _viewReferences);

    /// <summary>How many times <see cref="OnReleased"/> has been called.</summary>
    public int ReleaseCount => Volatile.Read(ref _releaseCount);

    /// <summary>Creates an owner whose release runs <paramref name="onReleased"/>.</summary>
    /// <param name="onReleased">The action to run each time the last view reference is dropped.</param>
    /// <returns>The owner.</returns>
    public static MemoryRegionOwner Create(Action onReleased)
    {
        ArgumentNullException.ThrowIfNull(onReleased);
        return new DelegateMemoryRegionOwner(onReleased);
    }

    /// <summary>
    /// Called once the last flat view referring to any region of this owner is gone and a grace period has passed.
    /// Runs on the RCU callback thread: it must not wait for a grace period (no <c>Synchronize</c> or <c>Barrier</c>).
    /// </summary>
    protected abstract void OnReleased();

    internal void AddViewReference()
    {
        int count = Interlocked.Increment(ref _viewReferences);
        Debug.Assert(count > 0, "view reference count overflowed");
    }

    internal void ReleaseViewReference()
    {
        int count = Interlocked.Decrement(ref _viewReferences);
        Debug.Assert(count >= 0, "view reference released twice");
        if (count == 0)
        {
            Interlocked.Increment(ref _releaseCount);
            OnReleased();
        }
    }
}
