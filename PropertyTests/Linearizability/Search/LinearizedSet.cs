using System.Diagnostics;
using System.Numerics;

namespace RcuCollections.Linearizability.Search;

/// <summary>
/// The set of operations linearized so far, as a bitset in two parts: the operations that returned (the
/// <em>completed</em> part) and the calls that never returned (the <em>pending</em> part, possibly empty). Each part keeps
/// an incrementally maintained Zobrist hash (the XOR of one random 64-bit key per member), so hashing a configuration
/// for the table of failed configurations costs O(1) instead of O(n / 64).
/// </summary>
internal sealed class LinearizedSet
{
    private readonly ulong[] _words;
    private readonly ulong[] _keys;
    private readonly int _completedWords;

    /// <summary>Creates an empty set.</summary>
    /// <param name="completedWords">Words for the operations that returned (at least one).</param>
    /// <param name="pendingWords">Words for the calls that never returned (zero or more).</param>
    public LinearizedSet(int completedWords, int pendingWords)
    {
        Debug.Assert(completedWords >= 1 && pendingWords >= 0);
        _completedWords = completedWords;
        _words = new ulong[completedWords + pendingWords];
        _keys = new ulong[_words.Length * 64];
        ulong seed = 0x243F6A8885A308D3UL; // Fixed: the search must be deterministic from run to run.
        for (int i = 0; i < _keys.Length; i++)
        {
            _keys[i] = SplitMix64(ref seed);
        }
    }

    /// <summary>The Zobrist hash of the completed part.</summary>
    public ulong CompletedHash { get; private set; }

    /// <summary>The Zobrist hash of the pending part.</summary>
    public ulong PendingHash { get; private set; }

    /// <summary>The number of members.</summary>
    public int Count { get; private set; }

    /// <summary>The words of the completed part.</summary>
    public ReadOnlySpan<ulong> CompletedWords => _words.AsSpan(0, _completedWords);

    /// <summary>The words of the pending part (empty when no call is pending).</summary>
    public ReadOnlySpan<ulong> PendingWords => _words.AsSpan(_completedWords);

    /// <summary>The bit of the <paramref name="index"/>-th completed operation.</summary>
    /// <param name="index">Index among the completed operations.</param>
    /// <returns>The bit.</returns>
    public static int CompletedBit(int index) => index;

    /// <summary>The bit of the <paramref name="index"/>-th pending call.</summary>
    /// <param name="index">Index among the pending calls.</param>
    /// <returns>The bit.</returns>
    public int PendingBit(int index) => (_completedWords * 64) + index;

    /// <summary>Adds a bit that is not set.</summary>
    /// <param name="bit">The operation's bit.</param>
    public void Add(int bit)
    {
        Debug.Assert((_words[bit >> 6] & (1UL << bit)) == 0, "operation already linearized");
        _words[bit >> 6] |= 1UL << bit; // The shift count is taken mod 64, as intended.
        Toggle(bit);
        Count++;
    }

    /// <summary>Removes a bit that is set.</summary>
    /// <param name="bit">The operation's bit.</param>
    public void Remove(int bit)
    {
        Debug.Assert((_words[bit >> 6] & (1UL << bit)) != 0, "operation not linearized");
        _words[bit >> 6] &= ~(1UL << bit);
        Toggle(bit);
        Count--;
    }

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

    private void Toggle(int bit)
    {
        if ((bit >> 6) < _completedWords)
        {
            CompletedHash ^= _keys[bit];
        }
        else
        {
            PendingHash ^= _keys[bit];
        }
    }

    private static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
