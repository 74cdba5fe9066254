namespace RcuCollections.CoyoteTests.Planted;

/// <summary>An element whose equality is by id (AddIfAbsent compares with it).</summary>
public sealed record Item(int Id);

/// <summary>What a reader does with the span it was handed (spans cannot be captured by lambdas).</summary>
public delegate void SpanReader(ReadOnlySpan<Item> items);

/// <summary>The operations the list scenario drives, on the real pooled list or on its planted twins.</summary>
public interface IScenarioList
{
    void Add(Item item);

    void RemoveAt(int index);

    bool AddIfAbsent(Item item);

    /// <summary>Runs <paramref name="reader"/> on the current contents inside a read-side section.</summary>
    void Read(SpanReader reader);

    Item[] ToArray();
}

/// <summary>The real thing: a pooled <see cref="RcuList{T}"/> (arrays of replaced versions recycled after a grace period).</summary>
public sealed class RealList(RcuDomain domain) : IScenarioList
{
    private readonly RcuList<Item> _list = new(new RcuListOptions { Domain = domain, PoolArrays = true });

    public void Add(Item item) => _list.Add(item);

    public void RemoveAt(int index) => _list.RemoveAt(index);

    public bool AddIfAbsent(Item item) => _list.AddIfAbsent(item);

    public void Read(SpanReader reader)
    {
        using RcuListReader<Item> view = _list.Read();
        reader(view.Span);
    }

    public Item[] ToArray() => [.. _list.Snapshot()];

    /// <summary>Versions the pool has taken back or handed out again so far: proof that recycling happened.</summary>
    public long Recycled => _list.Pool!.Hits + _list.Pool.RetainedCount;
}

/// <summary>
/// PLANTED BUGS. A copy-on-write list that pools arrays like the real one. With <c>recycleAtOnce</c> it returns a replaced
/// array to its pool (clearing it) as soon as the new version is published, with no grace period, so a reader still on it
/// sees it cleared and rewritten. With <c>checkThenAct</c> its AddIfAbsent tests for the item before taking the writer lock
/// and does not test again under it, so two racing calls can both add.
/// </summary>
public sealed class RecyclingCowList(RcuDomain domain, bool recycleAtOnce, bool checkThenAct) : IScenarioList
{
    private readonly object _writeLock = new();
    private readonly Dictionary<int, Stack<Item[]>> _pool = [];
    private Item[] _current = [];

    public void Add(Item item)
    {
        lock (_writeLock) AppendLocked(item);
    }

    public void RemoveAt(int index)
    {
        lock (_writeLock)
        {
            Item[] old = _current;
            Item[] next = Rent(old.Length - 1);
            Array.Copy(old, 0, next, 0, index);
            Array.Copy(old, index + 1, next, index, old.Length - index - 1);
            Publish(old, next);
        }
    }

    public bool AddIfAbsent(Item item)
    {
        if (checkThenAct)
        {
            if (Array.IndexOf(Volatile.Read(ref _current), item) >= 0) return false;
            lock (_writeLock) AppendLocked(item); // the bug: no second test under the lock
            return true;
        }
        lock (_writeLock)
        {
            if (Array.IndexOf(_current, item) >= 0) return false;
            AppendLocked(item);
            return true;
        }
    }

    public void Read(SpanReader reader)
    {
        using RcuReadGuard guard = domain.ReadLock();
        reader(Volatile.Read(ref _current));
    }

    public Item[] ToArray() => [.. Volatile.Read(ref _current)];

    private void AppendLocked(Item item)
    {
        Item[] old = _current;
        Item[] next = Rent(old.Length + 1);
        old.CopyTo(next, 0);
        next[old.Length] = item;
        Publish(old, next);
    }

    private Item[] Rent(int length) =>
        length > 0 && _pool.TryGetValue(length, out Stack<Item[]>? stack) && stack.Count > 0 ? stack.Pop() : new Item[length];

    private void Publish(Item[] old, Item[] next)
    {
        Volatile.Write(ref _current, next);
        if (!recycleAtOnce || old.Length == 0) return;
        // The bug: a reader may still be on `old`. The real list defers this to a grace period.
        Array.Clear(old);
        if (!_pool.TryGetValue(old.Length, out Stack<Item[]>? stack)) _pool[old.Length] = stack = new();
        stack.Push(old);
    }
}
