namespace RcuCollections.Tests.Checker.Broken;

/// <summary>A correct dictionary (every call under one lock), for the harness's "correct objects pass" tests.</summary>
public sealed class LockedDictionary : IIntDictionary
{
    private readonly Dictionary<int, int> _map = [];
    private readonly Lock _lock = new();

    /// <inheritdoc/>
    public bool TryAdd(int key, int value)
    {
        lock (_lock)
        {
            return _map.TryAdd(key, value);
        }
    }

    /// <inheritdoc/>
    public bool TryRemove(int key, out int value)
    {
        lock (_lock)
        {
            return _map.Remove(key, out value);
        }
    }

    /// <inheritdoc/>
    public bool TryGetValue(int key, out int value)
    {
        lock (_lock)
        {
            return _map.TryGetValue(key, out value);
        }
    }

    /// <inheritdoc/>
    public void Set(int key, int value)
    {
        lock (_lock)
        {
            _map[key] = value;
        }
    }
}
