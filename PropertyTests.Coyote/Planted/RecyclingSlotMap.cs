using RcuCollections.CoyoteTests.Support;

namespace RcuCollections.CoyoteTests.Planted;

/// <summary>The operations the dictionary scenario drives, on the real dictionary or on its planted twin.</summary>
public interface IScenarioMap
{
    bool TryGetValue(int key, out Poisonable? value);

    bool TryAdd(int key, Poisonable value);

    bool TryRemove(int key);

    void Set(int key, Poisonable value);

    IEnumerable<KeyValuePair<int, Poisonable>> Enumerate();
}

/// <summary>The real thing: an <see cref="RcuDictionary{TKey, TValue}"/> that disposes removed and replaced values after a grace period.</summary>
public sealed class RealMap(RcuDomain domain) : IScenarioMap
{
    private readonly RcuDictionary<int, Poisonable> _map =
        new(new RcuDictionaryOptions { Domain = domain, SegmentCount = 2, DisposeRemovedValues = true });

    public bool TryGetValue(int key, out Poisonable? value) => _map.TryGetValue(key, out value);

    public bool TryAdd(int key, Poisonable value) => _map.TryAdd(key, value);

    public bool TryRemove(int key) => _map.TryRemove(key, out _);

    public void Set(int key, Poisonable value) => _map[key] = value;

    public IEnumerable<KeyValuePair<int, Poisonable>> Enumerate() => _map;

    /// <summary>Tables built and published so far (construction's empty tables excluded): proof that swaps happened.</summary>
    public long Rebuilds => _map.GetDiagnostics().Rebuilds;
}

/// <summary>
/// PLANTED BUG. A dictionary-like slot array with lock-free readers that frees a removed or replaced value at once and
/// makes its slot reusable at once: no grace period. A reader that matched a key can then read a value freed under it,
/// or the value of another key that took the slot over.
/// </summary>
public sealed class RecyclingSlotMap : IScenarioMap
{
    private const int Free = -1;

    private sealed class Slot
    {
        public int Key = Free;
        public Poisonable? Value;
    }

    private readonly Slot[] _slots = Enumerable.Range(0, 8).Select(_ => new Slot()).ToArray();
    private readonly object _writeLock = new();

    public bool TryGetValue(int key, out Poisonable? value)
    {
        foreach (Slot slot in _slots)
        {
            if (Volatile.Read(ref slot.Key) == key)
            {
                value = Volatile.Read(ref slot.Value);
                return value is not null;
            }
        }
        value = null;
        return false;
    }

    public bool TryAdd(int key, Poisonable value)
    {
        lock (_writeLock)
        {
            if (Find(key) is not null) return false;
            Slot slot = _slots.First(s => s.Key == Free);
            Volatile.Write(ref slot.Value, value);
            Volatile.Write(ref slot.Key, key);
            return true;
        }
    }

    public bool TryRemove(int key)
    {
        lock (_writeLock)
        {
            Slot? slot = Find(key);
            if (slot is null) return false;
            Volatile.Write(ref slot.Key, Free);
            Volatile.Read(ref slot.Value)!.Dispose(); // the bug: freed before any grace period
            Volatile.Write(ref slot.Value, null);
            return true;
        }
    }

    public void Set(int key, Poisonable value)
    {
        lock (_writeLock)
        {
            Slot? slot = Find(key);
            if (slot is null)
            {
                slot = _slots.First(s => s.Key == Free);
                Volatile.Write(ref slot.Value, value);
                Volatile.Write(ref slot.Key, key);
                return;
            }
            Poisonable old = Volatile.Read(ref slot.Value)!;
            Volatile.Write(ref slot.Value, value);
            old.Dispose(); // the bug again
        }
    }

    public IEnumerable<KeyValuePair<int, Poisonable>> Enumerate()
    {
        foreach (Slot slot in _slots)
        {
            int key = Volatile.Read(ref slot.Key);
            Poisonable? value = Volatile.Read(ref slot.Value);
            if (key != Free && value is not null) yield return new(key, value);
        }
    }

    private Slot? Find(int key) => _slots.FirstOrDefault(s => s.Key == key);
}
