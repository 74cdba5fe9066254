using System.Diagnostics;
using System.Numerics;

namespace RcuCollections.Linearizability.Search;

/// <summary>
/// The set of operations linearized so far, as a bitset with an incrementally maintained Zobrist hash (the XOR of one
/// random 64-bit key per member), so hashing the set for the memo table costs O(1) instead of O(n / 64).
/// </summary>
internal sealed class LinearizedSet
{
    private readonly ulong[] _words;
    private readonly ulong[] _keys;
    private int _count;

    /// <summary>Creates an empty set over <paramref name="capacity"/> operations.</summary>
    /// <param name="capacity">The number of operations of the partition.</param>
    public LinearizedSet(int capacity)
    {
        _words = new ulong[Math.Max(1, (capacity + 63) >> 6)];
        _keys = new ulong[capacity];
        ulong seed = 0x243F6A8885A308D3UL; // Fixed: the search must be deterministic from run to run.
        for (int i = 0; i < capacity; i++)
        {
            _keys[i] = SplitMix64(ref seed);
        }
    }

    /// <summary>The Zobrist hash of the current members.</summary>
    public ulong Hash { get; private set; }

    /// <summary>The number of members.</summary>
    public int Count => _count;

    /// <summary>The words of the bitset (read-only view).</summary>
    public ReadOnlySpan<ulong> Words => _words;

    /// <summary>Adds an operation that is not a member.</summary>
    /// <param name="operation">The operation index.</param>
    public void Add(int operation)
    {
        Debug.Assert((_words[operation >> 6] & (1UL << operation)) == 0, "operation already linearized");
        _words[operation >> 6] |= 1UL << operation; // The shift count is taken mod 64, as intended.
        Hash ^= _keys[operation];
        _count++;
    }

    /// <summary>Removes an operation that is a member.</summary>
    /// <param name="operation">The operation index.</param>
    public void Remove(int operation)
    {
        Debug.Assert((_words[operation >> 6] & (1UL << operation)) != 0, "operation not linearized");
        _words[operation >> 6] &= ~(1UL << operation);
        Hash ^= _keys[operation];
        _count--;
    }

    /// <summary>Whether <paramref name="operation"/> is a member.</summary>
    /// <param name="operation">The operation index.</param>
    /// <returns><see langword="true"/> when linearized.</returns>
    public bool Contains(int operation) => (_words[operation >> 6] & (1UL << operation)) != 0;

    /// <summary>Debug check that the incremental count matches the bits.</summary>
    /// <returns>The population count of the words.</returns>
    public int CountBits()
    {
        int bits = 0;
        foreach (ulong word in _words)
        {
            bits += BitOperations.PopCount(word);
        }

        return bits;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
