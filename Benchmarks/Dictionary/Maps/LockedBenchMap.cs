namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>A plain <see cref="Dictionary{TKey, TValue}"/> behind a <see cref="ReaderWriterLockSlim"/>: the classic read-mostly map.</summary>
/// <param name="map">The wrapped map.</param>
/// <param name="gate">The lock: read lock for lookups, write lock for every change.</param>
internal readonly struct LockedBenchMap(Dictionary<int, int> map, ReaderWriterLockSlim gate) : IBenchMap<LockedBenchMap>
{
    /// <inheritdoc />
    public static string Variant => "dictionary-rwls";

    /// <inheritdoc />
    public static LockedBenchMap Create(int capacity) => new(new Dictionary<int, int>(capacity), new ReaderWriterLockSlim());

    /// <inheritdoc />
    public bool TryGet(int key, out int value)
    {
        gate.EnterReadLock();
        try
        {
            return map.TryGetValue(key, out value);
        }
        finally
        {
            gate.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public bool TryAdd(int key, int value)
    {
        gate.EnterWriteLock();
        try
        {
            return map.TryAdd(key, value);
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    public bool TryRemove(int key)
    {
        gate.EnterWriteLock();
        try
        {
            return map.Remove(key);
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    /// <inheritdoc />
    public void Set(int key, int value)
    {
        gate.EnterWriteLock();
        try
        {
            map[key] = value;
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }
}
