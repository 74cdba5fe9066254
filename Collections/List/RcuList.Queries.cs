using System.Diagnostics.CodeAnalysis;

namespace RcuCollections;

// The List<T>-style queries. Each one loads _current once and works on that version only, so its answer (and its
// argument validation against the count) belongs to one version even while writers publish others. In pooled mode
// the work runs inside a read-side section of _domain, like IndexOf, so the version cannot be recycled under it.
// The argument checks follow List<T>'s order and parameter names exactly; the version's array has exactly Count
// elements, so the Array.IndexOf/LastIndexOf calls throw what List<T>'s calls on its own backing array throw.
public sealed partial class RcuList<T>
{
    /// <summary>Runs <paramref name="query"/> on the items of one version (inside a read section in pooled mode).</summary>
    private TResult ReadVersion<TState, TResult>(TState state, Func<T[], TState, TResult> query)
    {
        if (_pool is null) return query(Volatile.Read(ref _current).Items, state); // acquire: pairs with Publish
        using RcuReadGuard guard = _domain.ReadLock();
        return query(Volatile.Read(ref _current).Items, state);
    }

    /// <summary>Returns the first element of the current version that matches <paramref name="match"/>.</summary>
    /// <param name="match">The condition; it runs on the caller's thread, outside the write lock.</param>
    /// <returns>The first matching element, or <see langword="default"/> if none matches.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="match"/> is null.</exception>
    /// <remarks>In pooled mode <paramref name="match"/> runs inside a read-side section of <see cref="Domain"/>: it must not wait for a grace period of that domain.</remarks>
    public T? Find(Predicate<T> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return ReadVersion(match, static (items, m) =>
        {
            foreach (T item in items)
            {
                if (m(item)) return item;
            }
            return default;
        });
    }

    /// <summary>Returns the last element of the current version that matches <paramref name="match"/>.</summary>
    /// <param name="match">The condition; it runs on the caller's thread, outside the write lock.</param>
    /// <returns>The last matching element, or <see langword="default"/> if none matches.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="match"/> is null.</exception>
    /// <remarks>In pooled mode <paramref name="match"/> runs inside a read-side section of <see cref="Domain"/>: it must not wait for a grace period of that domain.</remarks>
    public T? FindLast(Predicate<T> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return ReadVersion(match, static (items, m) =>
        {
            for (int i = items.Length - 1; i >= 0; i--)
            {
                if (m(items[i])) return items[i];
            }
            return default;
        });
    }

    /// <summary>Returns whether any element of the current version matches <paramref name="match"/>.</summary>
    /// <param name="match">The condition; it runs on the caller's thread, outside the write lock.</param>
    /// <returns><see langword="true"/> if at least one element matches.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="match"/> is null.</exception>
    /// <remarks>In pooled mode <paramref name="match"/> runs inside a read-side section of <see cref="Domain"/>: it must not wait for a grace period of that domain.</remarks>
    public bool Exists(Predicate<T> match) => FindIndex(match) >= 0;

    /// <summary>Returns the index of the first element of the current version that matches <paramref name="match"/>.</summary>
    /// <param name="match">The condition; it runs on the caller's thread, outside the write lock.</param>
    /// <returns>The zero-based index of the first match, or -1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="match"/> is null.</exception>
    /// <remarks>In pooled mode <paramref name="match"/> runs inside a read-side section of <see cref="Domain"/>: it must not wait for a grace period of that domain.</remarks>
    public int FindIndex(Predicate<T> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return ReadVersion(match, static (items, m) => FindIndexIn(items, 0, items.Length, m));
    }

    /// <summary>Returns the index of the first element at or after <paramref name="startIndex"/>, in the current version, that matches <paramref name="match"/>.</summary>
    /// <param name="startIndex">Where the search starts; may equal <see cref="Count"/> (an empty range).</param>
    /// <param name="match">The condition; it runs on the caller's thread, outside the write lock.</param>
    /// <returns>The zero-based index of the first match, or -1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="startIndex"/> is negative or greater than the count of the version read.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="match"/> is null (checked after the index, as <see cref="List{T}"/> does).</exception>
    /// <remarks>In pooled mode <paramref name="match"/> runs inside a read-side section of <see cref="Domain"/>: it must not wait for a grace period of that domain.</remarks>
    public int FindIndex(int startIndex, Predicate<T> match) =>
        ReadVersion((startIndex, match), static (items, s) => FindIndexChecked(items, s.startIndex, items.Length - s.startIndex, s.match));

    /// <summary>Returns the index of the first element in the range of <paramref name="count"/> elements from <paramref name="startIndex"/>, in the current version, that matches <paramref name="match"/>.</summary>
    /// <param name="startIndex">Where the search starts.</param>
    /// <param name="count">How many elements to search.</param>
    /// <param name="match">The condition; it runs on the caller's thread, outside the write lock.</param>
    /// <returns>The zero-based index of the first match, or -1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="startIndex"/> is negative or greater than the count of the version read, or <paramref name="count"/> is negative or the range runs past its end.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="match"/> is null (checked after the range, as <see cref="List{T}"/> does).</exception>
    /// <remarks>In pooled mode <paramref name="match"/> runs inside a read-side section of <see cref="Domain"/>: it must not wait for a grace period of that domain.</remarks>
    public int FindIndex(int startIndex, int count, Predicate<T> match) =>
        ReadVersion((startIndex, count, match), static (items, s) => FindIndexChecked(items, s.startIndex, s.count, s.match));

    /// <summary>Returns the index of the last element of the current version that matches <paramref name="match"/>.</summary>
    /// <param name="match">The condition; it runs on the caller's thread, outside the write lock.</param>
    /// <returns>The zero-based index of the last match, or -1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="match"/> is null.</exception>
    /// <remarks>In pooled mode <paramref name="match"/> runs inside a read-side section of <see cref="Domain"/>: it must not wait for a grace period of that domain.</remarks>
    public int FindLastIndex(Predicate<T> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return ReadVersion(match, static (items, m) => FindLastIndexIn(items, items.Length - 1, items.Length, m));
    }

    /// <summary>Returns the index of the last element at or before <paramref name="startIndex"/>, in the current version, that matches <paramref name="match"/> (the search runs backwards to index 0).</summary>
    /// <param name="startIndex">Where the backward search starts.</param>
    /// <param name="match">The condition; it runs on the caller's thread, outside the write lock.</param>
    /// <returns>The zero-based index of the last match, or -1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="match"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="startIndex"/> is outside the version read (only -1 is accepted on an empty list).</exception>
    /// <remarks>In pooled mode <paramref name="match"/> runs inside a read-side section of <see cref="Domain"/>: it must not wait for a grace period of that domain.</remarks>
    public int FindLastIndex(int startIndex, Predicate<T> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return ReadVersion((startIndex, match), static (items, s) => FindLastIndexChecked(items, s.startIndex, s.startIndex + 1, s.match));
    }

    /// <summary>Returns the index of the last element in the range of <paramref name="count"/> elements ending at <paramref name="startIndex"/>, in the current version, that matches <paramref name="match"/>.</summary>
    /// <param name="startIndex">Where the backward search starts.</param>
    /// <param name="count">How many elements to search.</param>
    /// <param name="match">The condition; it runs on the caller's thread, outside the write lock.</param>
    /// <returns>The zero-based index of the last match, or -1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="match"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="startIndex"/> is outside the version read (only -1 is accepted on an empty list), or <paramref name="count"/> is negative or the range runs past index 0.</exception>
    /// <remarks>In pooled mode <paramref name="match"/> runs inside a read-side section of <see cref="Domain"/>: it must not wait for a grace period of that domain.</remarks>
    public int FindLastIndex(int startIndex, int count, Predicate<T> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return ReadVersion((startIndex, count, match), static (items, s) => FindLastIndexChecked(items, s.startIndex, s.count, s.match));
    }

    /// <summary>Returns the index of the first occurrence of <paramref name="item"/> at or after <paramref name="index"/> in the current version.</summary>
    /// <param name="item">The element to find (<see cref="EqualityComparer{T}.Default"/>).</param>
    /// <param name="index">Where the search starts; may equal <see cref="Count"/>.</param>
    /// <returns>The zero-based index of the first occurrence, or -1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is greater than the count of the version read (parameter <c>index</c>) or negative (parameter <c>startIndex</c>, as <see cref="List{T}"/> reports it).</exception>
    public int IndexOf(T item, int index) =>
        ReadVersion((item, index), static (items, s) =>
        {
            if (s.index > items.Length) ThrowIndexOutOfRange(s.index, items.Length);
            return Array.IndexOf(items, s.item, s.index, items.Length - s.index);
        });

    /// <summary>Returns the index of the first occurrence of <paramref name="item"/> in the range of <paramref name="count"/> elements from <paramref name="index"/> in the current version.</summary>
    /// <param name="item">The element to find (<see cref="EqualityComparer{T}.Default"/>).</param>
    /// <param name="index">Where the search starts.</param>
    /// <param name="count">How many elements to search.</param>
    /// <returns>The zero-based index of the first occurrence, or -1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is greater than the count of the version read, <paramref name="count"/> is negative or the range runs past its end, or <paramref name="index"/> is negative (parameter <c>startIndex</c>, as <see cref="List{T}"/> reports it).</exception>
    public int IndexOf(T item, int index, int count) =>
        ReadVersion((item, index, count), static (items, s) =>
        {
            if (s.index > items.Length) ThrowIndexOutOfRange(s.index, items.Length);
            if (s.count < 0 || s.index > items.Length - s.count) ThrowCountOutOfRange(s.count);
            return Array.IndexOf(items, s.item, s.index, s.count);
        });

    /// <summary>Returns the index of the last occurrence of <paramref name="item"/> in the current version.</summary>
    /// <param name="item">The element to find (<see cref="EqualityComparer{T}.Default"/>).</param>
    /// <returns>The zero-based index of the last occurrence, or -1.</returns>
    public int LastIndexOf(T item) => ReadVersion(item, static (items, x) => Array.LastIndexOf(items, x));

    /// <summary>Copies the current version into a new array.</summary>
    /// <returns>A new array holding the elements of one version, in order (the shared empty array for an empty list).</returns>
    /// <remarks>Unlike <see cref="Snapshot"/>, this copies (O(n)) but never marks the version escaped, so in pooled mode its array stays recyclable.</remarks>
    public T[] ToArray() => ReadVersion(0, static (items, _) => items.Length == 0 ? [] : (T[])items.Clone());

    /// <summary>Converts every element of the current version with <paramref name="converter"/>.</summary>
    /// <typeparam name="TOutput">The element type of the result.</typeparam>
    /// <param name="converter">The conversion; it runs once per element, in order, on the caller's thread, outside the write lock.</param>
    /// <returns>A new <see cref="List{T}"/> holding the converted elements of one version.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="converter"/> is null.</exception>
    /// <remarks>In pooled mode <paramref name="converter"/> runs inside a read-side section of <see cref="Domain"/>: it must not wait for a grace period of that domain.</remarks>
    public List<TOutput> ConvertAll<TOutput>(Converter<T, TOutput> converter)
    {
        ArgumentNullException.ThrowIfNull(converter);
        return ReadVersion(converter, static (items, c) =>
        {
            var result = new List<TOutput>(items.Length);
            foreach (T item in items) result.Add(c(item));
            return result;
        });
    }

    private static int FindIndexChecked(T[] items, int startIndex, int count, Predicate<T> match)
    {
        if ((uint)startIndex > (uint)items.Length)
            throw new ArgumentOutOfRangeException(nameof(startIndex), startIndex, $"Index must be non-negative and at most the list's count ({items.Length}).");
        if (count < 0 || startIndex > items.Length - count) ThrowCountOutOfRange(count);
        ArgumentNullException.ThrowIfNull(match);
        return FindIndexIn(items, startIndex, count, match);
    }

    private static int FindIndexIn(T[] items, int startIndex, int count, Predicate<T> match)
    {
        int end = startIndex + count;
        for (int i = startIndex; i < end; i++)
        {
            if (match(items[i])) return i;
        }
        return -1;
    }

    private static int FindLastIndexChecked(T[] items, int startIndex, int count, Predicate<T> match)
    {
        if (items.Length == 0 ? startIndex != -1 : (uint)startIndex >= (uint)items.Length)
            throw new ArgumentOutOfRangeException(nameof(startIndex), startIndex, $"Index must be less than the list's count ({items.Length}); -1 on an empty list.");
        if (count < 0 || startIndex - count + 1 < 0) ThrowCountOutOfRange(count);
        return FindLastIndexIn(items, startIndex, count, match);
    }

    private static int FindLastIndexIn(T[] items, int startIndex, int count, Predicate<T> match)
    {
        int end = startIndex - count;
        for (int i = startIndex; i > end; i--)
        {
            if (match(items[i])) return i;
        }
        return -1;
    }

    [DoesNotReturn]
    private static void ThrowCountOutOfRange(int count) =>
        throw new ArgumentOutOfRangeException(nameof(count), count, "Count must be non-negative and the range must lie within the list.");
}
