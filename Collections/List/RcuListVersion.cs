using System.Diagnostics;

namespace RcuCollections;

/// <summary>
/// One published version of an <see cref="RcuList{T}"/>: an exact-length array that is never written while
/// the version is published. In pooled mode the object doubles as the intrusive grace-period callback that
/// recycles it, and it stays paired with the same array for its whole life, so <see cref="Items"/> is readonly
/// and <c>Items.Length</c> is the version's count even if the object is later recycled and republished.
/// </summary>
internal sealed class RcuListVersion<T> : RcuCallback
{
    /// <summary>The empty version, shared by every list of <typeparamref name="T"/>; escaped from birth, so never deferred or pooled.</summary>
    internal static readonly RcuListVersion<T> Empty = new([], pool: null);

    /// <summary>The contents; exactly as long as the list.</summary>
    internal readonly T[] Items;

    private readonly RcuListVersionPool<T>? _pool;

    // Set once a reference to Items may outlive every read-side section (Snapshot, GetEnumerator). Written by a
    // reader inside its section; read by the writer that retires the version (a stale "false" only defers a
    // callback that then drops the version) and by Invoke on the callback thread after the grace period. The
    // reader's section ends after this store (RcuReadGuard.Dispose is a release store that the grace period
    // observes), so Invoke, which runs after that grace period, is guaranteed to see true.
    private volatile bool _escaped;

    internal RcuListVersion(T[] items, RcuListVersionPool<T>? pool)
    {
        Items = items;
        _pool = pool;
        // Without a pool there is nothing to recycle: treat such versions as escaped from the start.
        _escaped = pool is null;
    }

    /// <summary>Gets whether the array may be referenced outside any read-side section, so it must never be recycled.</summary>
    internal bool IsEscaped => _escaped;

    /// <summary>Marks the array as escaped. Call inside a read-side section of the list's domain (see <see cref="_escaped"/>).</summary>
    internal void MarkEscaped()
    {
        // Test first: once escaped, concurrent snapshots of the same version only read the cache line.
        if (!_escaped) _escaped = true;
    }

    /// <summary>Runs on the domain's callback thread a grace period after the version was replaced.</summary>
    protected override void Invoke()
    {
        Debug.Assert(_pool is not null, "Only pooled versions are ever deferred.");
        if (_escaped) return; // a snapshot or enumerator still holds Items: leave the array to the GC
        _pool.Return(this);
    }
}
