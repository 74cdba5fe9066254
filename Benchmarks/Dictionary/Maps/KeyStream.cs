using System.Runtime.CompilerServices;

namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>
/// A per-thread stream of uniformly spread keys in [0, n): xorshift32 scaled by a multiply-high, a few cycles,
/// no division, no shared state, no allocation, so choosing the key does not disturb what is measured.
/// </summary>
internal struct KeyStream
{
    private readonly uint _keys;
    private uint _state;

    /// <summary>Creates a stream.</summary>
    /// <param name="keys">The key space size n; at least 1.</param>
    /// <param name="seed">A per-thread seed (the thread index will do).</param>
    public KeyStream(int keys, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keys, 1);
        _keys = (uint)keys;
        _state = (uint)(seed + 1) * 0x9E3779B9u | 1; // xorshift32 must not start at 0
    }

    /// <summary>Returns the next key.</summary>
    /// <returns>A key in [0, n).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next()
    {
        uint x = _state;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        _state = x;
        return (int)(((ulong)x * _keys) >> 32);
    }
}
