using System.Diagnostics;

namespace RcuCollections.Linearizability.Search;

/// <summary>
/// The memo of the search: every (linearized set, model state) pair already reached. Reaching a pair again means the
/// same sub-problem is being solved twice (Lowe's improvement of Wing and Gong), so the search prunes it.
/// </summary>
/// <remarks>
/// Open addressing with linear probing over a power-of-two slot array; entries live in parallel arrays and the bitsets
/// of all entries are packed in one <see cref="ulong"/> array, so adding an entry allocates nothing but amortised growth.
/// The 64-bit key combines the set's Zobrist hash with the state's hash; a full comparison of the words and the states
/// follows every hash match, so hash collisions cost time, never correctness.
/// </remarks>
/// <typeparam name="TState">The model state.</typeparam>
internal sealed class MemoTable<TState>
{
    private const int InitialCapacity = 256;

    private readonly int _wordCount;
    private readonly IEqualityComparer<TState> _comparer;
    private int[] _slots;          // entry index + 1; 0 = empty.
    private ulong[] _hashes;       // per entry
    private TState[] _states;      // per entry
    private ulong[] _words;        // per entry, _wordCount words each
    private int _count;

    /// <summary>Creates an empty table for sets of <paramref name="wordCount"/> words.</summary>
    /// <param name="wordCount">Words per linearized set.</param>
    /// <param name="comparer">State equality.</param>
    public MemoTable(int wordCount, IEqualityComparer<TState> comparer)
    {
        _wordCount = wordCount;
        _comparer = comparer;
        _slots = new int[InitialCapacity * 2];
        _hashes = new ulong[InitialCapacity];
        _states = new TState[InitialCapacity];
        _words = new ulong[InitialCapacity * wordCount];
    }

    /// <summary>The number of distinct pairs seen.</summary>
    public int Count => _count;

    /// <summary>Adds (set, state) unless it is already present.</summary>
    /// <param name="set">The linearized set (copied when added).</param>
    /// <param name="state">The model state.</param>
    /// <returns><see langword="true"/> when the pair is new.</returns>
    public bool TryAdd(LinearizedSet set, TState state)
    {
        ulong hash = Combine(set.Hash, state is null ? 0 : _comparer.GetHashCode(state));
        ReadOnlySpan<ulong> words = set.Words;
        Debug.Assert(words.Length == _wordCount);

        int mask = _slots.Length - 1;
        int slot = (int)(hash >> 32 ^ hash) & mask;
        while (true)
        {
            int stored = _slots[slot];
            if (stored == 0)
            {
                break;
            }

            int entry = stored - 1;
            if (_hashes[entry] == hash
                && words.SequenceEqual(_words.AsSpan(entry * _wordCount, _wordCount))
                && _comparer.Equals(_states[entry], state))
            {
                return false;
            }

            slot = (slot + 1) & mask;
        }

        if (_count == _hashes.Length)
        {
            GrowEntries();
        }

        int added = _count++;
        _hashes[added] = hash;
        _states[added] = state;
        words.CopyTo(_words.AsSpan(added * _wordCount, _wordCount));
        _slots[slot] = added + 1;

        // Keep the load factor at or below one half so probe sequences stay short.
        if (_count * 2 > _slots.Length)
        {
            Rehash();
        }

        return true;
    }

    private static ulong Combine(ulong setHash, int stateHash)
    {
        // Multiply the state hash by an odd constant so that small integer states spread over all 64 bits before they
        // meet the (already uniformly random) Zobrist hash.
        ulong mixed = (ulong)(uint)stateHash * 0x9E3779B97F4A7C15UL;
        return setHash ^ mixed ^ (mixed >> 29);
    }

    private void GrowEntries()
    {
        int capacity = _hashes.Length * 2;
        Array.Resize(ref _hashes, capacity);
        Array.Resize(ref _states, capacity);
        Array.Resize(ref _words, capacity * _wordCount);
    }

    private void Rehash()
    {
        var slots = new int[_slots.Length * 2];
        int mask = slots.Length - 1;
        for (int entry = 0; entry < _count; entry++)
        {
            ulong hash = _hashes[entry];
            int slot = (int)(hash >> 32 ^ hash) & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = entry + 1;
        }

        _slots = slots;
    }
}
