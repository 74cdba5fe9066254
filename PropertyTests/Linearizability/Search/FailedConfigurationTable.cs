using System.Diagnostics;

namespace RcuCollections.Linearizability.Search;

/// <summary>
/// The memo of the search: configurations (linearized set, model state) from which no linearization exists. A
/// configuration is recorded when the search backtracks out of it, having tried everything below it.
/// </summary>
/// <remarks>
/// <para>
/// Lowe's improvement of Wing and Gong prunes a configuration that was already explored. This table prunes more, using
/// the calls that never returned: if (S ∪ P1, s) failed, where P1 is a set of such calls, then (S ∪ P2, s) fails too for
/// every P2 ⊇ P1. Proof: a linearization of the rest from (S ∪ P2, s), followed by the calls of P2 \ P1, is one from
/// (S ∪ P1, s), because a call that never returned constrains nothing after it and is legal in every state (the
/// contract of <see cref="Operation.PendingReturn"/>). So the table keeps, per (completed set S, state s), the minimal
/// failed pending sets, and a configuration is pruned when one of them is a subset of its own pending set. With no
/// pending calls this is exactly Lowe's memo.
/// </para>
/// <para>
/// Open addressing with linear probing over a power-of-two slot array; entries live in parallel arrays and the
/// completed bitsets are packed into one <see cref="ulong"/> array. The 64-bit key combines the completed set's Zobrist
/// hash with the state's hash; a full comparison of words and states follows every hash match, so collisions cost time,
/// never correctness.
/// </para>
/// </remarks>
/// <typeparam name="TState">The model state.</typeparam>
internal sealed class FailedConfigurationTable<TState>
{
    private const int InitialCapacity = 256;

    private readonly int _completedWords;
    private readonly int _pendingWords;
    private readonly IEqualityComparer<TState> _comparer;
    private int[] _slots;          // entry index + 1; 0 = empty.
    private ulong[] _hashes;       // per entry
    private TState[] _states;      // per entry
    private ulong[] _words;        // per entry, _completedWords words each
    private ulong[]?[] _masks;     // per entry, the failed pending sets (_pendingWords words each), when there are pending calls
    private int[] _maskCounts;     // per entry
    private int _count;

    /// <summary>Creates an empty table.</summary>
    /// <param name="completedWords">Words of a completed set.</param>
    /// <param name="pendingWords">Words of a pending set (zero when no call is pending).</param>
    /// <param name="comparer">State equality.</param>
    public FailedConfigurationTable(int completedWords, int pendingWords, IEqualityComparer<TState> comparer)
    {
        _completedWords = completedWords;
        _pendingWords = pendingWords;
        _comparer = comparer;
        _slots = new int[InitialCapacity * 2];
        _hashes = new ulong[InitialCapacity];
        _states = new TState[InitialCapacity];
        _words = new ulong[InitialCapacity * completedWords];
        _masks = new ulong[]?[InitialCapacity];
        _maskCounts = new int[InitialCapacity];
    }

    /// <summary>The number of distinct (completed set, state) pairs recorded.</summary>
    public int Count => _count;

    /// <summary>Whether (set, state) is known to fail: a recorded failure has its completed set and state and a pending
    /// set that is a subset of its pending set.</summary>
    /// <param name="set">The linearized set.</param>
    /// <param name="state">The model state.</param>
    /// <returns><see langword="true"/> when the configuration can be pruned.</returns>
    public bool IsKnownToFail(LinearizedSet set, TState state)
    {
        int entry = Find(set, state, Hash(set, state), out _);
        if (entry < 0)
        {
            return false;
        }

        if (_pendingWords == 0)
        {
            return true;
        }

        ReadOnlySpan<ulong> pending = set.PendingWords;
        ReadOnlySpan<ulong> masks = _masks[entry];
        for (int mask = 0; mask < _maskCounts[entry]; mask++)
        {
            if (IsSubset(masks.Slice(mask * _pendingWords, _pendingWords), pending))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Records that no linearization exists from (set, state).</summary>
    /// <param name="set">The linearized set (copied).</param>
    /// <param name="state">The model state.</param>
    public void Add(LinearizedSet set, TState state)
    {
        ulong hash = Hash(set, state);
        int entry = Find(set, state, hash, out int slot);
        if (entry < 0)
        {
            entry = AddEntry(set, state, hash, slot);
        }

        if (_pendingWords != 0)
        {
            AddMask(entry, set.PendingWords);
        }
    }

    private static bool IsSubset(ReadOnlySpan<ulong> subset, ReadOnlySpan<ulong> superset)
    {
        for (int i = 0; i < subset.Length; i++)
        {
            if ((subset[i] & ~superset[i]) != 0)
            {
                return false;
            }
        }

        return true;
    }

    private ulong Hash(LinearizedSet set, TState state)
    {
        // Multiply the state hash by an odd constant so that small integer states spread over all 64 bits before they
        // meet the (already uniformly random) Zobrist hash.
        ulong mixed = (ulong)(uint)(state is null ? 0 : _comparer.GetHashCode(state)) * 0x9E3779B97F4A7C15UL;
        return set.CompletedHash ^ mixed ^ (mixed >> 29);
    }

    /// <returns>The entry, or -1 with <paramref name="freeSlot"/> set to where it would go.</returns>
    private int Find(LinearizedSet set, TState state, ulong hash, out int freeSlot)
    {
        ReadOnlySpan<ulong> words = set.CompletedWords;
        Debug.Assert(words.Length == _completedWords);
        int mask = _slots.Length - 1;
        int slot = (int)((hash >> 32) ^ hash) & mask;
        while (true)
        {
            int stored = _slots[slot];
            if (stored == 0)
            {
                freeSlot = slot;
                return -1;
            }

            int entry = stored - 1;
            if (_hashes[entry] == hash
                && words.SequenceEqual(_words.AsSpan(entry * _completedWords, _completedWords))
                && _comparer.Equals(_states[entry], state))
            {
                freeSlot = -1;
                return entry;
            }

            slot = (slot + 1) & mask;
        }
    }

    private int AddEntry(LinearizedSet set, TState state, ulong hash, int slot)
    {
        if (_count == _hashes.Length)
        {
            int capacity = _hashes.Length * 2;
            Array.Resize(ref _hashes, capacity);
            Array.Resize(ref _states, capacity);
            Array.Resize(ref _words, capacity * _completedWords);
            Array.Resize(ref _masks, capacity);
            Array.Resize(ref _maskCounts, capacity);
        }

        int entry = _count++;
        _hashes[entry] = hash;
        _states[entry] = state;
        set.CompletedWords.CopyTo(_words.AsSpan(entry * _completedWords, _completedWords));
        _slots[slot] = entry + 1;

        // Keep the load factor at or below one half so probe sequences stay short.
        if (_count * 2 > _slots.Length)
        {
            Rehash();
        }

        return entry;
    }

    private void AddMask(int entry, ReadOnlySpan<ulong> pending)
    {
        // Keep the masks an antichain: a recorded superset of the new failure says nothing the new one does not.
        ulong[] masks = _masks[entry] ??= new ulong[_pendingWords * 2];
        int kept = 0;
        for (int mask = 0; mask < _maskCounts[entry]; mask++)
        {
            Span<ulong> existing = masks.AsSpan(mask * _pendingWords, _pendingWords);
            if (!IsSubset(pending, existing))
            {
                existing.CopyTo(masks.AsSpan(kept * _pendingWords, _pendingWords));
                kept++;
            }
        }

        if ((kept + 1) * _pendingWords > masks.Length)
        {
            Array.Resize(ref masks, masks.Length * 2);
            _masks[entry] = masks;
        }

        pending.CopyTo(masks.AsSpan(kept * _pendingWords, _pendingWords));
        _maskCounts[entry] = kept + 1;
    }

    private void Rehash()
    {
        var slots = new int[_slots.Length * 2];
        int mask = slots.Length - 1;
        for (int entry = 0; entry < _count; entry++)
        {
            ulong hash = _hashes[entry];
            int slot = (int)((hash >> 32) ^ hash) & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = entry + 1;
        }

        _slots = slots;
    }
}
