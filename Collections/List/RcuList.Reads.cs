using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RcuCollections;

// The read side. Every read loads _current once (acquire, pairing with Publish's release store) and works on that
// version only, so it sees one consistent state and never waits. In pooled mode the array of a version can be
// recycled a grace period after it is replaced, so reads that touch elements run inside a read-side section of
// _domain; without a pool the garbage collector keeps every array alive for as long as anyone holds it.
public sealed partial class RcuList<T>
{
    /// <summary>Gets or sets the element at <paramref name="index"/>. The getter is wait-free; the setter publishes a new version.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or not less than <see cref="Count"/>; the list is unchanged.</exception>
    public T this[int index]
    {
        get
        {
            if (_pool is null)
            {
                T[] items = Volatile.Read(ref _current).Items; // acquire: pairs with Publish
                if ((uint)index >= (uint)items.Length) ThrowIndexOutOfRange(index, items.Length);
                return items[index];
            }
            return GetInSection(index);
        }
        set => SetItem(index, value);
    }

    /// <summary>Enters a read-side section and returns the current contents as a span that stays valid (and unchanged) until the reader is disposed. Allocates nothing.</summary>
    /// <returns>A reader to dispose when done, typically with <c>using var reader = list.Read();</c>.</returns>
    /// <exception cref="ObjectDisposedException"><see cref="Domain"/> was disposed before this thread first used it.</exception>
    public RcuListReader<T> Read()
    {
        // Section first, then the load: the grace period that could recycle this version must wait for us.
        RcuReadGuard guard = _domain.ReadLock();
        return new RcuListReader<T>(guard, Volatile.Read(ref _current).Items); // acquire: pairs with Publish
    }

    /// <summary>
    /// Returns the current contents as an immutable array, in O(1): the version's array itself, which is never
    /// written again. In pooled mode the version is marked escaped, so its array is never recycled.
    /// </summary>
    public ImmutableArray<T> Snapshot() => ImmutableCollectionsMarshal.AsImmutableArray(EscapeCurrent());

    /// <summary>
    /// Returns a snapshot enumerator: it walks the version that was current when it was created, never sees later
    /// writes and never throws because of them (O(1) to create, like <see cref="Snapshot"/>).
    /// </summary>
    public Enumerator GetEnumerator() => new(EscapeCurrent());

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => new SnapshotEnumerator(EscapeCurrent());

    IEnumerator IEnumerable.GetEnumerator() => new SnapshotEnumerator(EscapeCurrent());

    /// <summary>Returns whether the current version contains <paramref name="item"/>. Wait-free.</summary>
    public bool Contains(T item) => IndexOf(item) >= 0;

    /// <summary>Returns the index of the first occurrence of <paramref name="item"/> in the current version, or -1. Wait-free.</summary>
    public int IndexOf(T item)
    {
        if (_pool is null) return Array.IndexOf(Volatile.Read(ref _current).Items, item); // acquire: pairs with Publish
        using RcuReadGuard guard = _domain.ReadLock();
        return Array.IndexOf(Volatile.Read(ref _current).Items, item);
    }

    /// <summary>Copies the current version to <paramref name="array"/>, starting at <paramref name="arrayIndex"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="array"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="arrayIndex"/> is negative.</exception>
    /// <exception cref="ArgumentException">The destination is too short for the current version.</exception>
    public void CopyTo(T[] array, int arrayIndex)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfNegative(arrayIndex);
        if (_pool is null)
        {
            CopyVersionTo(Volatile.Read(ref _current).Items, array, arrayIndex); // acquire: pairs with Publish
            return;
        }
        using RcuReadGuard guard = _domain.ReadLock();
        CopyVersionTo(Volatile.Read(ref _current).Items, array, arrayIndex);
    }

    private static void CopyVersionTo(T[] items, T[] array, int arrayIndex)
    {
        if (array.Length - arrayIndex < items.Length)
            throw new ArgumentException("The destination array is too short for the list's current contents.", nameof(array));
        items.CopyTo(array, arrayIndex);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private T GetInSection(int index)
    {
        using RcuReadGuard guard = _domain.ReadLock();
        T[] items = Volatile.Read(ref _current).Items; // acquire: pairs with Publish
        if ((uint)index >= (uint)items.Length) ThrowIndexOutOfRange(index, items.Length);
        return items[index];
    }

    /// <summary>Returns the current array after making sure it is never recycled (it may outlive every section).</summary>
    private T[] EscapeCurrent()
    {
        if (_pool is null) return Volatile.Read(ref _current).Items; // acquire: pairs with Publish
        // Inside a section, so that the version cannot be recycled between the load and the mark, and so that the
        // callback that would recycle it runs after our mark (see RcuListVersion._escaped).
        using RcuReadGuard guard = _domain.ReadLock();
        RcuListVersion<T> version = Volatile.Read(ref _current);
        version.MarkEscaped();
        return version.Items;
    }

    [DoesNotReturn]
    private static void ThrowIndexOutOfRange(int index, int count) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, $"Index must be non-negative and less than the list's count ({count}).");
}
