using System.Collections.Concurrent;

namespace RcuCollections.Tests.Checker.Broken;

/// <summary>
/// BROKEN ON PURPOSE: <see cref="TryAdd"/> checks that the key is absent, then adds it, without holding anything in
/// between; two threads adding the same key can both succeed (the second overwrites the first). The storage itself is a
/// <see cref="ConcurrentDictionary{TKey, TValue}"/>, so the only bug is the check-then-act window, which a spin and a
/// yield widen so that the bug shows on two cores.
/// </summary>
public sealed class CheckThenActDictionary : IIntDictionary
{
    private readonly ConcurrentDictionary<int, int> _map = new();

    /// <inheritdoc/>
    public bool TryAdd(int key, int value)
    {
        if (_map.ContainsKey(key))
        {
            return false;
        }

        Window.Widen(); // another thread may add the same key right here
        _map[key] = value;
        return true;
    }

    /// <inheritdoc/>
    public bool TryRemove(int key, out int value) => _map.TryRemove(key, out value);

    /// <inheritdoc/>
    public bool TryGetValue(int key, out int value) => _map.TryGetValue(key, out value);

    /// <inheritdoc/>
    public void Set(int key, int value) => _map[key] = value;
}
