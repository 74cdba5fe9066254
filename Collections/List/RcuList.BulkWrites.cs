using System.Diagnostics.CodeAnalysis;

namespace RcuCollections;

// The List<T>-style bulk writes. Each is one write: under the write lock it validates against the current version,
// runs any user code (comparer, transform) on the scratch buffer with _inUserCode set, and only then builds and
// publishes one new version, so a throwing comparer or transform publishes nothing. Argument checks follow
// List<T>'s order and parameter names.
public sealed partial class RcuList<T>
{
    /// <summary>Sorts the elements with <see cref="Comparer{T}.Default"/>, as one atomic write (an unstable sort, like <see cref="List{T}.Sort()"/>).</summary>
    /// <exception cref="InvalidOperationException">The default comparer cannot compare <typeparamref name="T"/>, or a comparison threw (the original exception is the inner exception); the list is unchanged.</exception>
    /// <exception cref="ObjectDisposedException"><see cref="Domain"/> was disposed; the list is unchanged.</exception>
    public void Sort() => Sort(0, int.MaxValue, comparer: null, comparison: null, wholeList: true);

    /// <summary>Sorts the elements with <paramref name="comparer"/>, as one atomic write (an unstable sort). The comparer runs under the write lock.</summary>
    /// <param name="comparer">The comparer, or <see langword="null"/> for <see cref="Comparer{T}.Default"/>.</param>
    /// <exception cref="InvalidOperationException">The comparer threw (the original exception is the inner exception) or tried to modify this list; the list is unchanged.</exception>
    /// <exception cref="ArgumentException">The comparer is inconsistent (as reported by <see cref="Array.Sort{T}(T[], IComparer{T})"/>); the list is unchanged.</exception>
    /// <exception cref="ObjectDisposedException"><see cref="Domain"/> was disposed; the list is unchanged.</exception>
    public void Sort(IComparer<T>? comparer) => Sort(0, int.MaxValue, comparer, comparison: null, wholeList: true);

    /// <summary>Sorts the elements with <paramref name="comparison"/>, as one atomic write (an unstable sort). The comparison runs under the write lock.</summary>
    /// <param name="comparison">The comparison.</param>
    /// <exception cref="ArgumentNullException"><paramref name="comparison"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The comparison threw (the original exception is the inner exception) or tried to modify this list; the list is unchanged.</exception>
    /// <exception cref="ObjectDisposedException"><see cref="Domain"/> was disposed; the list is unchanged.</exception>
    public void Sort(Comparison<T> comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        Sort(0, int.MaxValue, comparer: null, comparison, wholeList: true);
    }

    /// <summary>Sorts the range of <paramref name="count"/> elements from <paramref name="index"/> with <paramref name="comparer"/>, as one atomic write (an unstable sort). The comparer runs under the write lock.</summary>
    /// <param name="index">The start of the range.</param>
    /// <param name="count">The length of the range.</param>
    /// <param name="comparer">The comparer, or <see langword="null"/> for <see cref="Comparer{T}.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> or <paramref name="count"/> is negative; the list is unchanged.</exception>
    /// <exception cref="ArgumentException">The range runs past the end of the list; the list is unchanged.</exception>
    /// <exception cref="InvalidOperationException">The comparer threw (the original exception is the inner exception) or tried to modify this list; the list is unchanged.</exception>
    /// <exception cref="ObjectDisposedException"><see cref="Domain"/> was disposed; the list is unchanged.</exception>
    public void Sort(int index, int count, IComparer<T>? comparer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Sort(index, count, comparer, comparison: null, wholeList: false);
    }

    private void Sort(int index, int count, IComparer<T>? comparer, Comparison<T>? comparison, bool wholeList)
    {
        using (EnterWrite())
        {
            RcuListVersion<T> old = _current;
            int length = old.Items.Length;
            if (wholeList) count = length;
            else if (length - index < count) ThrowInvalidRange();
            if (count < 2) return; // nothing to reorder; the comparer is never called, as with List<T>
            RcuListBuffer<T> buffer = Buffer;
            buffer.Load(old.Items);
            try
            {
                _inUserCode = true;
                try
                {
                    // The same introsort List<T>.Sort uses (it wraps a throwing comparer in InvalidOperationException).
                    Span<T> range = buffer.Span.Slice(index, count);
                    if (comparison is not null) range.Sort(comparison);
                    else range.Sort(comparer);
                }
                finally
                {
                    _inUserCode = false;
                }
                PublishBuffer(old, buffer);
            }
            finally
            {
                buffer.Reset();
            }
        }
    }

    /// <summary>
    /// Replaces every element with <paramref name="transform"/> of it (an in-place <c>ConvertAll</c>), as one atomic
    /// write. The transform runs once per element, in order, under the write lock; if it throws, the list is unchanged.
    /// </summary>
    /// <param name="transform">The transform.</param>
    /// <exception cref="ArgumentNullException"><paramref name="transform"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="transform"/> tried to modify this list.</exception>
    /// <exception cref="ObjectDisposedException"><see cref="Domain"/> was disposed; the list is unchanged.</exception>
    public void ReplaceAll(Func<T, T> transform)
    {
        ArgumentNullException.ThrowIfNull(transform);
        using (EnterWrite())
        {
            RcuListVersion<T> old = _current;
            if (old.Items.Length == 0) return;
            RcuListBuffer<T> buffer = Buffer;
            try
            {
                _inUserCode = true;
                try
                {
                    foreach (T item in old.Items) buffer.Add(transform(item));
                }
                finally
                {
                    _inUserCode = false;
                }
                PublishBuffer(old, buffer);
            }
            finally
            {
                buffer.Reset();
            }
        }
    }

    /// <summary>Inserts the elements of <paramref name="collection"/>, in order, at <paramref name="index"/>, as one atomic write.</summary>
    /// <param name="index">Where the first inserted element goes; may equal <see cref="Count"/> (an append).</param>
    /// <param name="collection">The elements; enumerated once, before the write lock is taken (so <c>list.InsertRange(i, list)</c> inserts a snapshot).</param>
    /// <exception cref="ArgumentNullException"><paramref name="collection"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or greater than <see cref="Count"/>; the list is unchanged.</exception>
    /// <exception cref="ObjectDisposedException"><see cref="Domain"/> was disposed; the list is unchanged.</exception>
    public void InsertRange(int index, IEnumerable<T> collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        // Checked before enumerating, as List<T> does, so a bad index is reported before any user code runs; checked
        // again under the lock against the version the insertion is applied to.
        if ((uint)index > (uint)Count) ThrowInsertIndexOutOfRange(index, Count);
        T[] items = collection as T[] ?? collection.ToArray(); // outside the lock: see AddRange
        using (EnterWrite())
        {
            RcuListVersion<T> old = _current;
            T[] source = old.Items;
            if ((uint)index > (uint)source.Length) ThrowInsertIndexOutOfRange(index, source.Length);
            if (items.Length == 0) return;
            RcuListVersion<T> next = NewVersion(checked(source.Length + items.Length));
            T[] target = next.Items;
            Array.Copy(source, 0, target, 0, index);
            items.CopyTo(target, index);
            Array.Copy(source, index, target, index + items.Length, source.Length - index);
            Publish(old, next);
        }
    }

    /// <summary>Removes the range of <paramref name="count"/> elements from <paramref name="index"/>, as one atomic write.</summary>
    /// <param name="index">The start of the range.</param>
    /// <param name="count">The length of the range.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> or <paramref name="count"/> is negative; the list is unchanged.</exception>
    /// <exception cref="ArgumentException">The range runs past the end of the list; the list is unchanged.</exception>
    /// <exception cref="ObjectDisposedException"><see cref="Domain"/> was disposed; the list is unchanged.</exception>
    public void RemoveRange(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        using (EnterWrite())
        {
            RcuListVersion<T> old = _current;
            T[] source = old.Items;
            if (source.Length - index < count) ThrowInvalidRange();
            if (count == 0) return;
            RcuListVersion<T> next = NewVersion(source.Length - count);
            T[] target = next.Items;
            Array.Copy(source, 0, target, 0, index);
            Array.Copy(source, index + count, target, index, source.Length - index - count);
            Publish(old, next);
        }
    }

    [DoesNotReturn]
    private static void ThrowInsertIndexOutOfRange(int index, int count) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, $"Index must be non-negative and at most the list's count ({count}).");

    // No parameter name: List<T> reports this one (Argument_InvalidOffLen) without one.
    [DoesNotReturn]
    private static void ThrowInvalidRange() =>
        throw new ArgumentException("The index and count do not denote a range of elements in the list.");
}
