using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace RcuCollections;

/// <summary>
/// The writer's reusable scratch list: batch edits (<see cref="RcuList{T}.Update(Action{RcuListEditor{T}})"/>),
/// <see cref="RcuList{T}.RemoveAll"/> and <see cref="RcuList{T}.AddAllAbsent"/> build the next contents here and
/// publish them with one exact-length copy. Only ever touched under the owning list's write lock, so it needs no
/// synchronisation of its own; its capacity is kept between writes so steady-state batches allocate nothing.
/// </summary>
internal sealed class RcuListBuffer<T>
{
    private T[] _items = [];
    private int _count;

    /// <summary>Gets the number of elements in the buffer.</summary>
    internal int Count => _count;

    /// <summary>Gets whether an edit changed the buffer since <see cref="Load"/>.</summary>
    internal bool Modified { get; private set; }

    /// <summary>Gets the live contents.</summary>
    internal Span<T> Span => _items.AsSpan(0, _count);

    /// <summary>Starts an edit from <paramref name="contents"/>.</summary>
    internal void Load(ReadOnlySpan<T> contents)
    {
        Debug.Assert(_count == 0, "The previous edit was not reset.");
        EnsureCapacity(contents.Length);
        contents.CopyTo(_items);
        _count = contents.Length;
        Modified = false;
    }

    /// <summary>Ends an edit (committed or abandoned): forgets the contents and drops element references.</summary>
    internal void Reset()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>()) Array.Clear(_items, 0, _count);
        _count = 0;
        Modified = false;
    }

    internal T Get(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
        return _items[index];
    }

    internal void Set(int index, T item)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
        _items[index] = item;
        Modified = true;
    }

    internal Span<T> AsWritableSpan()
    {
        // The caller may write through the span: assume it does.
        Modified = true;
        return Span;
    }

    internal void Add(T item)
    {
        if (_count == _items.Length) EnsureCapacity(_count + 1);
        _items[_count++] = item;
        Modified = true;
    }

    internal void AddRange(ReadOnlySpan<T> items)
    {
        if (items.IsEmpty) return;
        EnsureCapacity(_count + items.Length);
        items.CopyTo(_items.AsSpan(_count));
        _count += items.Length;
        Modified = true;
    }

    internal void Insert(int index, T item)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)index, (uint)_count, nameof(index));
        if (_count == _items.Length) EnsureCapacity(_count + 1);
        Array.Copy(_items, index, _items, index + 1, _count - index);
        _items[index] = item;
        _count++;
        Modified = true;
    }

    internal void RemoveRange(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_count - index < count)
            throw new ArgumentOutOfRangeException(nameof(count), count, "index and count do not denote a range of the list.");
        if (count == 0) return;
        Array.Copy(_items, index + count, _items, index, _count - index - count);
        _count -= count;
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>()) Array.Clear(_items, _count, count);
        Modified = true;
    }

    internal int IndexOf(T item) => Array.IndexOf(_items, item, 0, _count);

    internal int RemoveAll(Predicate<T> match)
    {
        // The survivors are staged past the live range, so a predicate that throws (and is caught by the
        // caller inside its edit) leaves the buffer exactly as it was. The predicate runs once per element.
        int count = _count;
        EnsureCapacity(2 * count);
        int kept = 0;
        try
        {
            for (int i = 0; i < count; i++)
            {
                T item = _items[i];
                if (!match(item)) _items[count + kept++] = item;
            }
        }
        catch
        {
            if (RuntimeHelpers.IsReferenceOrContainsReferences<T>()) Array.Clear(_items, count, kept);
            throw;
        }
        int removed = count - kept;
        if (removed != 0)
        {
            Array.Copy(_items, count, _items, 0, kept);
            _count = kept;
            Modified = true;
        }
        // Drop references left in the staging area and the vacated tail (reference types only): everything
        // from the end of the live range to the end of the staged copy.
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            int live = removed != 0 ? kept : count;
            Array.Clear(_items, live, count + kept - live);
        }
        return removed;
    }

    private void EnsureCapacity(int required)
    {
        if (required <= _items.Length) return;
        int capacity = Math.Max(required, Math.Max(16, 2 * _items.Length));
        Array.Resize(ref _items, capacity);
    }
}
