using System.Runtime.CompilerServices;

namespace RcuCollections.Benchmarks.Harness;

/// <summary>
/// Decides, per operation, whether it is a write, from a per-thread xorshift generator: a few cycles and no
/// shared state, so the decision does not disturb the measurement. A mix of 0 never draws.
/// </summary>
public struct ReadWriteMix
{
    private readonly ulong _threshold;
    private readonly bool _anyWrites;
    private ulong _state;

    /// <summary>Creates a mix.</summary>
    /// <param name="writeFraction">The fraction of writes, in [0, 1].</param>
    /// <param name="seed">A per-thread seed (the thread index will do).</param>
    public ReadWriteMix(double writeFraction, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(writeFraction, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(writeFraction, 1.0);
        _anyWrites = writeFraction > 0;
        _threshold = writeFraction >= 1 ? ulong.MaxValue : (ulong)(writeFraction * ulong.MaxValue);
        _state = 0x9E3779B97F4A7C15UL * (ulong)(seed + 1);
    }

    /// <summary>Returns whether the next operation is a write.</summary>
    /// <returns><see langword="true"/> for a write.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool NextIsWrite()
    {
        if (!_anyWrites)
            return false;
        // xorshift64*: period 2^64 − 1, good enough to spread writes evenly.
        ulong x = _state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        _state = x;
        return x * 0x2545F4914F6CDD1DUL <= _threshold;
    }
}
