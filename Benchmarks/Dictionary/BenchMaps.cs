using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>The competitors: RcuDictionary, ConcurrentDictionary, NonBlocking, Dictionary + ReaderWriterLockSlim, ImmutableDictionary + ImmutableInterlocked.</summary>
internal static class BenchMaps
{
    public static readonly string[] Names = ["Rcu", "Concurrent", "NonBlocking", "Dictionary+RWLS", "Immutable"];

    public static IBenchMap Create(string name, int capacity) => name switch
    {
        "Rcu" => new RcuMap(capacity),
        "Concurrent" => new ConcurrentMap(capacity),
        "NonBlocking" => new NonBlockingMap(capacity),
        "Dictionary+RWLS" => new LockedMap(capacity),
        "Immutable" => new ImmutableMap(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown map"),
    };

    private sealed class RcuMap(int capacity) : IBenchMap
    {
        private readonly RcuDictionary<int, int> _map = new(capacity);
        public string Name => "Rcu";
        public bool TryGet(int key, out int value) => _map.TryGetValue(key, out value);
        public bool TryAdd(int key, int value) => _map.TryAdd(key, value);
        public bool TryRemove(int key) => _map.TryRemove(key, out _);
        public void Set(int key, int value) => _map[key] = value;
    }

    private sealed class ConcurrentMap(int capacity) : IBenchMap
    {
        private readonly ConcurrentDictionary<int, int> _map = new(Environment.ProcessorCount, Math.Max(31, capacity));
        public string Name => "Concurrent";
        public bool TryGet(int key, out int value) => _map.TryGetValue(key, out value);
        public bool TryAdd(int key, int value) => _map.TryAdd(key, value);
        public bool TryRemove(int key) => _map.TryRemove(key, out _);
        public void Set(int key, int value) => _map[key] = value;
    }

    private sealed class NonBlockingMap(int capacity) : IBenchMap
    {
        private readonly NonBlocking.ConcurrentDictionary<int, int> _map = new(Environment.ProcessorCount, Math.Max(31, capacity));
        public string Name => "NonBlocking";
        public bool TryGet(int key, out int value) => _map.TryGetValue(key, out value);
        public bool TryAdd(int key, int value) => _map.TryAdd(key, value);
        public bool TryRemove(int key) => _map.TryRemove(key, out _);
        public void Set(int key, int value) => _map[key] = value;
    }

    private sealed class LockedMap(int capacity) : IBenchMap
    {
        private readonly Dictionary<int, int> _map = new(capacity);
        private readonly ReaderWriterLockSlim _lock = new();
        public string Name => "Dictionary+RWLS";

        public bool TryGet(int key, out int value)
        {
            _lock.EnterReadLock();
            try { return _map.TryGetValue(key, out value); }
            finally { _lock.ExitReadLock(); }
        }

        public bool TryAdd(int key, int value)
        {
            _lock.EnterWriteLock();
            try { return _map.TryAdd(key, value); }
            finally { _lock.ExitWriteLock(); }
        }

        public bool TryRemove(int key)
        {
            _lock.EnterWriteLock();
            try { return _map.Remove(key); }
            finally { _lock.ExitWriteLock(); }
        }

        public void Set(int key, int value)
        {
            _lock.EnterWriteLock();
            try { _map[key] = value; }
            finally { _lock.ExitWriteLock(); }
        }
    }

    private sealed class ImmutableMap : IBenchMap
    {
        private ImmutableDictionary<int, int> _map = ImmutableDictionary<int, int>.Empty;
        public string Name => "Immutable";
        public bool TryGet(int key, out int value) => Volatile.Read(ref _map).TryGetValue(key, out value);
        public bool TryAdd(int key, int value) => ImmutableInterlocked.TryAdd(ref _map, key, value);
        public bool TryRemove(int key) => ImmutableInterlocked.TryRemove(ref _map, key, out _);
        public void Set(int key, int value) => ImmutableInterlocked.AddOrUpdate(ref _map, key, value, (_, _) => value);
    }
}
