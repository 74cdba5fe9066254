using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace RcuCollections;

// The write side. Writers take _writeLock, validate, run any user code (equality, predicates, batch edits)
// against the current version or the scratch buffer, and only then rent/allocate the next array, fill it
// completely and publish it. Anything that throws before Publish leaves the list unchanged; nothing after the
// rent calls user code. _current is read with plain loads under the lock: only lock holders write it.
public sealed partial class RcuList<T>
{
    // True while a writer runs user code under _writeLock. The lock is reentrant, so without this flag a
    // predicate or a batch edit that writes to the same list would publish a version the outer write then
    // silently overwrites. Only the lock holder reads or writes it.
    private bool _inUserCode;

    // The writer's scratch buffer (batch edits, RemoveAll, AddAllAbsent); created on first use, kept for reuse.
    private RcuListBuffer<T>? _buffer;

    /// <summary>Appends <paramref name="item"/>.</summary>
    public void Add(T item)
    {
        using (EnterWrite())
        {
            RcuListVersion<T> old = _current;
            T[] source = old.Items;
            RcuListVersion<T> next = NewVersion(source.Length + 1);
            source.CopyTo(next.Items, 0);
            next.Items[source.Length] = item;
            Publish(old, next);
        }
    }

    /// <summary>Appends every element of <paramref name="collection"/>, in order, as one atomic write.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="collection"/> is null.</exception>
    public void AddRange(IEnumerable<T> collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        // Enumerated outside the lock: user code (the enumerator) never runs while we hold it, and an enumerable
        // that reads this list (list.AddRange(list)) sees one snapshot.
        T[] items = collection as T[] ?? collection.ToArray();
        AddRange(new ReadOnlySpan<T>(items));
    }

    /// <summary>Appends every element of <paramref name="items"/>, in order, as one atomic write. Allocates nothing in pooled mode at steady state.</summary>
    public void AddRange(ReadOnlySpan<T> items)
    {
        if (items.IsEmpty) return;
        using (EnterWrite())
        {
            RcuListVersion<T> old = _current;
            T[] source = old.Items;
            RcuListVersion<T> next = NewVersion(checked(source.Length + items.Length));
            source.CopyTo(next.Items, 0);
            items.CopyTo(next.Items.AsSpan(source.Length));
            Publish(old, next);
        }
    }

    /// <summary>Inserts <paramref name="item"/> at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or greater than <see cref="Count"/>; the list is unchanged.</exception>
    public void Insert(int index, T item)
    {
        using (EnterWrite())
        {
            RcuListVersion<T> old = _current;
            T[] source = old.Items;
            if ((uint)index > (uint)source.Length)
                throw new ArgumentOutOfRangeException(nameof(index), index, $"Index must be non-negative and at most the list's count ({source.Length}).");
            RcuListVersion<T> next = NewVersion(source.Length + 1);
            T[] target = next.Items;
            Array.Copy(source, 0, target, 0, index);
            target[index] = item;
            Array.Copy(source, index, target, index + 1, source.Length - index);
            Publish(old, next);
        }
    }

    /// <summary>Removes the element at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or not less than <see cref="Count"/>; the list is unchanged.</exception>
    public void RemoveAt(int index)
    {
        using (EnterWrite())
        {
            RcuListVersion<T> old = _current;
            if ((uint)index >= (uint)old.Items.Length) ThrowIndexOutOfRange(index, old.Items.Length);
            RemoveAtLocked(old, index);
        }
    }

    /// <summary>Removes the first occurrence of <paramref name="item"/>.</summary>
    /// <returns><see langword="true"/> if an element was removed; <see langword="false"/> if the list did not contain it.</returns>
    public bool Remove(T item)
    {
        // Absent from the current version: linearizes at that read, without taking the lock.
        if (!Contains(item)) return false;
        using (EnterWrite())
        {
            RcuListVersion<T> old = _current;
            // Search again: another writer may have changed the list since, and in pooled mode the version we saw
            // may even have been recycled into the current one (ABA), so its index means nothing here.
            int index = IndexOfLocked(old.Items, item);
            if (index < 0) return false;
            RemoveAtLocked(old, index);
            return true;
        }
    }

    /// <summary>
    /// Removes every element that matches <paramref name="match"/>, as one atomic write. The predicate runs once per
    /// element, under the write lock; if it throws, the list is unchanged.
    /// </summary>
    /// <returns>The number of elements removed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="match"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="match"/> tried to modify this list.</exception>
    public int RemoveAll(Predicate<T> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        using (EnterWrite())
        {
            RcuListVersion<T> old = _current;
            RcuListBuffer<T> buffer = Buffer;
            try
            {
                _inUserCode = true;
                try
                {
                    foreach (T item in old.Items)
                    {
                        if (!match(item)) buffer.Add(item);
                    }
                }
                finally
                {
                    _inUserCode = false;
                }
                int removed = old.Items.Length - buffer.Count;
                if (removed != 0) PublishBuffer(old, buffer);
                return removed;
            }
            finally
            {
                buffer.Reset();
            }
        }
    }

    /// <summary>Removes every element, as one atomic write.</summary>
    public void Clear()
    {
        using (EnterWrite())
        {
            RcuListVersion<T> old = _current;
            if (old.Items.Length != 0) Publish(old, RcuListVersion<T>.Empty);
        }
    }

    /// <summary>Appends <paramref name="item"/> unless the list already contains it; the test and the append are one atomic step.</summary>
    /// <returns><see langword="true"/> if the item was added.</returns>
    public bool AddIfAbsent(T item)
    {
        // Present in the current version: linearizes at that read, without taking the lock.
        if (Contains(item)) return false;
        using (EnterWrite())
        {
            RcuListVersion<T> old = _current;
            T[] source = old.Items;
            if (IndexOfLocked(source, item) >= 0) return false; // a concurrent writer added it first
            RcuListVersion<T> next = NewVersion(source.Length + 1);
            source.CopyTo(next.Items, 0);
            next.Items[source.Length] = item;
            Publish(old, next);
            return true;
        }
    }

    /// <summary>
    /// Appends, in order, every element of <paramref name="items"/> that the list does not already contain (and that
    /// does not occur earlier in <paramref name="items"/>), as one atomic step.
    /// </summary>
    /// <returns>The number of elements added.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is null.</exception>
    public int AddAllAbsent(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        T[] candidates = items.ToArray(); // outside the lock: see AddRange
        if (candidates.Length == 0) return 0;
        using (EnterWrite())
        {
            RcuListVersion<T> old = _current;
            RcuListBuffer<T> buffer = Buffer;
            try
            {
                _inUserCode = true; // equality is user code
                try
                {
                    CollectAbsent(old.Items, candidates, buffer);
                }
                finally
                {
                    _inUserCode = false;
                }
                int added = buffer.Count;
                if (added == 0) return 0;
                T[] source = old.Items;
                RcuListVersion<T> next = NewVersion(checked(source.Length + added));
                source.CopyTo(next.Items, 0);
                buffer.Span.CopyTo(next.Items.AsSpan(source.Length));
                Publish(old, next);
                return added;
            }
            finally
            {
                buffer.Reset();
            }
        }
    }

    /// <summary>
    /// Applies a batch of changes as one atomic write with one copy: <paramref name="edit"/> works on a private
    /// scratch copy of the list through an <see cref="RcuListEditor{T}"/>; when it returns, the result is published
    /// as a single new version. Readers never see an intermediate state. If <paramref name="edit"/> throws, nothing
    /// is published and the list is unchanged. Allocates nothing in pooled mode at steady state (beyond any closure
    /// the caller creates; see <see cref="Update{TState}(TState, Action{RcuListEditor{T}, TState})"/>).
    /// </summary>
    /// <returns><see langword="true"/> if the edit changed the list (a new version was published).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="edit"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="edit"/> tried to modify this list other than through the editor.</exception>
    /// <remarks>The edit runs under the write lock: keep it short, and do not wait in it for other writers of this list.</remarks>
    public bool Update(Action<RcuListEditor<T>> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        return Update(edit, static (editor, action) => action(editor));
    }

    /// <summary>
    /// Like <see cref="Update(Action{RcuListEditor{T}})"/>, with a state argument so that the edit needs no closure.
    /// </summary>
    /// <returns><see langword="true"/> if the edit changed the list (a new version was published).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="edit"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="edit"/> tried to modify this list other than through the editor.</exception>
    public bool Update<TState>(TState state, Action<RcuListEditor<T>, TState> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        using (EnterWrite())
        {
            RcuListVersion<T> old = _current;
            RcuListBuffer<T> buffer = Buffer;
            buffer.Load(old.Items);
            try
            {
                _inUserCode = true;
                try
                {
                    edit(new RcuListEditor<T>(buffer), state);
                }
                finally
                {
                    _inUserCode = false;
                }
                if (!buffer.Modified) return false;
                PublishBuffer(old, buffer);
                return true;
            }
            finally
            {
                buffer.Reset();
            }
        }
    }

    private void SetItem(int index, T value)
    {
        using (EnterWrite())
        {
            RcuListVersion<T> old = _current;
            T[] source = old.Items;
            if ((uint)index >= (uint)source.Length) ThrowIndexOutOfRange(index, source.Length);
            RcuListVersion<T> next = NewVersion(source.Length);
            source.CopyTo(next.Items, 0);
            next.Items[index] = value;
            Publish(old, next);
        }
    }

    private void RemoveAtLocked(RcuListVersion<T> old, int index)
    {
        T[] source = old.Items;
        Debug.Assert((uint)index < (uint)source.Length);
        RcuListVersion<T> next = NewVersion(source.Length - 1);
        T[] target = next.Items;
        Array.Copy(source, 0, target, 0, index);
        Array.Copy(source, index + 1, target, index, source.Length - index - 1);
        Publish(old, next);
    }

    private void PublishBuffer(RcuListVersion<T> old, RcuListBuffer<T> buffer)
    {
        // An edit that leaves an empty list empty would publish the shared empty version over itself.
        if (buffer.Count == 0 && ReferenceEquals(old, RcuListVersion<T>.Empty)) return;
        RcuListVersion<T> next = NewVersion(buffer.Count);
        buffer.Span.CopyTo(next.Items);
        Publish(old, next);
    }

    /// <summary>Equality is user code: flag it so that an Equals override that writes to this list fails clearly.</summary>
    private int IndexOfLocked(T[] items, T item)
    {
        _inUserCode = true;
        try
        {
            return Array.IndexOf(items, item);
        }
        finally
        {
            _inUserCode = false;
        }
    }

    /// <summary>Adds to <paramref name="buffer"/> each candidate absent from <paramref name="existing"/> and from the earlier candidates.</summary>
    private static void CollectAbsent(T[] existing, T[] candidates, RcuListBuffer<T> buffer)
    {
        // Linear scans (as Java's addAllAbsent) while they are cheap; a hash set once n * k would be large.
        if ((long)existing.Length * candidates.Length <= 4096)
        {
            foreach (T item in candidates)
            {
                if (Array.IndexOf(existing, item) < 0 && buffer.IndexOf(item) < 0) buffer.Add(item);
            }
            return;
        }
        var seen = new HashSet<T>(existing);
        foreach (T item in candidates)
        {
            if (seen.Add(item)) buffer.Add(item);
        }
    }

    /// <summary>A version whose array has exactly <paramref name="length"/> elements, to be completely overwritten before publication.</summary>
    private RcuListVersion<T> NewVersion(int length) =>
        _pool is not null ? _pool.Rent(length)
        : length == 0 ? RcuListVersion<T>.Empty
        : new RcuListVersion<T>(new T[length], pool: null);

    /// <summary>Makes <paramref name="next"/> current and hands <paramref name="old"/> to the grace-period machinery. Caller holds the write lock.</summary>
    private void Publish(RcuListVersion<T> old, RcuListVersion<T> next)
    {
        Debug.Assert(_writeLock.IsHeldByCurrentThread && ReferenceEquals(old, _current) && !ReferenceEquals(old, next));
        // Release: every store into next.Items happens before a reader's acquire load that returns next.
        Volatile.Write(ref _current, next);
        if (_pool is not null && !old.IsEscaped)
        {
            if (CollectionMutants.Is(CollectionMutant.ListPoolRecyclesBeforeGracePeriod)) { _pool.Return(old); return; } // mutant 10: no grace period
            // A stale "not escaped" is harmless: the callback re-checks after the grace period.
            try
            {
                // Allocation-free: the version is its own callback node. Under the write lock, so never a back-pressure
                // wait here (a callback may need the lock, D4); WriteScope.Dispose waits once the lock is released.
                _domain.Defer(old, waitForCapacity: false);
            }
            catch (ObjectDisposedException)
            {
                // The domain was disposed during this write (a write on a disposed domain is refused before it changes
                // anything): no grace period can prove the old array unreachable any more, so it is left to the GC.
            }
        }
    }

    private RcuListBuffer<T> Buffer => _buffer ??= new RcuListBuffer<T>();

    /// <summary>
    /// Takes the write lock for one public write and refuses it, before anything changes, if it comes from the list's own
    /// user code (a predicate, an Equals, a batch edit) or if the domain was disposed. Disposing the scope releases the
    /// lock and then applies the domain's back-pressure (<see cref="RcuDomain.WaitForCallbackCapacity"/>), which a write
    /// never waits for while it holds the lock (D4).
    /// </summary>
    private WriteScope EnterWrite()
    {
        _writeLock.Enter();
        try
        {
            if (_inUserCode) ThrowReentrant();
            if (_domain.IsDisposed) ThrowDomainDisposed();
        }
        catch
        {
            _writeLock.Exit();
            throw;
        }
        return new WriteScope(this);
    }

    /// <summary>The write lock held by one public write; see <see cref="EnterWrite"/>.</summary>
    private readonly ref struct WriteScope(RcuList<T> list)
    {
        public void Dispose()
        {
            list._writeLock.Exit();
            // Only a pooled list defers anything; one load when the backlog is within the limit.
            if (list._pool is not null) list._domain.WaitForCallbackCapacity();
        }
    }

    [DoesNotReturn]
    private static void ThrowDomainDisposed() =>
        throw new ObjectDisposedException(nameof(RcuDomain), "The list's RCU domain was disposed; the list can still be read but no longer written.");

    [DoesNotReturn]
    private static void ThrowReentrant() =>
        throw new InvalidOperationException(
            "The list was modified from inside one of its own writes (a batch edit, predicate or Equals); make the change through the editor instead.");
}
