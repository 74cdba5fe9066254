namespace RcuCollections;

/// <summary>
/// The mutable view of an <see cref="RcuList{T}"/> inside a batch edit
/// (<see cref="RcuList{T}.Update(Action{RcuListEditor{T}})"/>). Every change lands in the writer's private
/// scratch buffer; readers see none of them until the edit returns, and then all of them at once, as one new
/// version published with a single copy. If the edit throws, nothing is published.
/// </summary>
/// <remarks>
/// Being a <c>ref struct</c>, an editor cannot be stored, captured or used after its edit returns.
/// Members mirror <see cref="List{T}"/>; indexes refer to the edited contents.
/// </remarks>
public readonly ref struct RcuListEditor<T>
{
    private readonly RcuListBuffer<T> _buffer;

    internal RcuListEditor(RcuListBuffer<T> buffer) => _buffer = buffer;

    /// <summary>Gets the number of elements in the edited contents.</summary>
    public int Count => Buffer.Count;

    /// <summary>Gets or sets the element at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or not less than <see cref="Count"/>.</exception>
    public T this[int index]
    {
        get => Buffer.Get(index);
        set => Buffer.Set(index, value);
    }

    /// <summary>
    /// Returns the edited contents as a writable span (for sorting, reversing, in-place transforms). The span is
    /// valid until the next change of length or the end of the edit. Calling this counts as a change.
    /// </summary>
    public Span<T> AsSpan() => Buffer.AsWritableSpan();

    /// <summary>Appends <paramref name="item"/>.</summary>
    public void Add(T item) => Buffer.Add(item);

    /// <summary>Appends every element of <paramref name="items"/>, in order.</summary>
    public void AddRange(ReadOnlySpan<T> items) => Buffer.AddRange(items);

    /// <summary>Inserts <paramref name="item"/> at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or greater than <see cref="Count"/>.</exception>
    public void Insert(int index, T item) => Buffer.Insert(index, item);

    /// <summary>Removes the first occurrence of <paramref name="item"/>.</summary>
    /// <returns><see langword="true"/> if an element was removed.</returns>
    public bool Remove(T item)
    {
        int index = Buffer.IndexOf(item);
        if (index < 0) return false;
        Buffer.RemoveRange(index, 1);
        return true;
    }

    /// <summary>Removes the element at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or not less than <see cref="Count"/>.</exception>
    public void RemoveAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Buffer.Count, nameof(index));
        Buffer.RemoveRange(index, 1);
    }

    /// <summary>Removes <paramref name="count"/> elements starting at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The arguments do not denote a range of the edited contents.</exception>
    public void RemoveRange(int index, int count) => Buffer.RemoveRange(index, count);

    /// <summary>
    /// Removes every element that matches <paramref name="match"/>, calling it once per element. If it throws,
    /// the edited contents are left as they were.
    /// </summary>
    /// <returns>The number of elements removed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="match"/> is null.</exception>
    public int RemoveAll(Predicate<T> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return Buffer.RemoveAll(match);
    }

    /// <summary>Removes every element.</summary>
    public void Clear() => Buffer.RemoveRange(0, Buffer.Count);

    /// <summary>Returns whether the edited contents contain <paramref name="item"/> (default equality).</summary>
    public bool Contains(T item) => Buffer.IndexOf(item) >= 0;

    /// <summary>Returns the index of the first occurrence of <paramref name="item"/>, or -1.</summary>
    public int IndexOf(T item) => Buffer.IndexOf(item);

    // A default(RcuListEditor<T>) has no buffer: fail clearly rather than with a NullReferenceException.
    private RcuListBuffer<T> Buffer => _buffer ?? throw new InvalidOperationException("This editor is not part of an edit; obtain one from RcuList<T>.Update.");
}
