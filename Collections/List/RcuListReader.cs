using System.Diagnostics.CodeAnalysis;

namespace RcuCollections;

/// <summary>
/// A zero-allocation read of an <see cref="RcuList{T}"/>: holds a read-side section of the list's domain and
/// exposes the version that was current when it was taken as a <see cref="ReadOnlySpan{T}"/>. The span never
/// changes while the reader is alive (later writes publish new versions), and in pooled mode its array cannot be
/// recycled before <see cref="Dispose"/>. Use it as <c>using var reader = list.Read();</c>.
/// </summary>
/// <remarks>
/// Keep readers short: the section holds up grace periods of the domain (so, in pooled mode, the recycling of
/// every list on it). Do not use a span obtained from <see cref="Span"/> after <see cref="Dispose"/>; in pooled
/// mode its array may then be reused for a later version. Like <see cref="RcuReadGuard"/>, a reader must be
/// disposed on the thread that created it, in reverse order of nested sections.
/// </remarks>
public ref struct RcuListReader<T>
{
    private RcuReadGuard _guard;
    private ReadOnlySpan<T> _span;
    private bool _active;

    internal RcuListReader(RcuReadGuard guard, T[] items)
    {
        _guard = guard;
        _span = items;
        _active = true;
    }

    /// <summary>Gets the contents of the list as of <see cref="RcuList{T}.Read"/>.</summary>
    /// <exception cref="ObjectDisposedException">The reader was disposed (or is a default instance).</exception>
    public readonly ReadOnlySpan<T> Span
    {
        get
        {
            if (!_active) ThrowDisposed();
            return _span;
        }
    }

    /// <summary>Gets the number of elements in <see cref="Span"/>.</summary>
    /// <exception cref="ObjectDisposedException">The reader was disposed (or is a default instance).</exception>
    public readonly int Count => Span.Length;

    /// <summary>Gets a reference to the element at <paramref name="index"/> of <see cref="Span"/>.</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is outside <see cref="Span"/>.</exception>
    /// <exception cref="ObjectDisposedException">The reader was disposed (or is a default instance).</exception>
    public readonly ref readonly T this[int index] => ref Span[index];

    /// <summary>Returns an enumerator over <see cref="Span"/>, so that <c>foreach</c> works on the reader directly.</summary>
    /// <exception cref="ObjectDisposedException">The reader was disposed (or is a default instance).</exception>
    public readonly ReadOnlySpan<T>.Enumerator GetEnumerator() => Span.GetEnumerator();

    /// <summary>Leaves the read-side section. Afterwards <see cref="Span"/> throws.</summary>
    /// <exception cref="InvalidOperationException">Disposed twice, out of nesting order, or on another thread (see <see cref="RcuReadGuard.Dispose"/>).</exception>
    public void Dispose()
    {
        _guard.Dispose();
        _span = default;
        _active = false;
    }

    [DoesNotReturn]
    private static void ThrowDisposed() =>
        throw new ObjectDisposedException(nameof(RcuListReader<T>), "The reader was disposed; its read-side section has ended.");
}
