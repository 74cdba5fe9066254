namespace RcuCollections;

/// <summary>
/// The per-instance multiplier of <see cref="RcuDictionary{TKey, TValue}"/>'s multiply-shift hashing. The segment and home
/// slot of a key are the top bits of <c>hash × m</c> (mod 2^64), that is of the fractional part of <c>hash × α</c> with
/// <c>α = m / 2^64</c>. A random <c>m</c> defends against hostile keys (they cannot be aimed at one slot without knowing
/// it); but some random <c>m</c> spread arithmetic progressions of hash codes (sequential ids, strided keys) badly: if
/// <c>α</c> is close to a fraction <c>p/q</c> with a small <c>q</c>, keys <c>q</c> apart land next to each other and
/// linear probing builds clusters. By the three-distance theorem the points <c>{kα}</c> are evenly spread exactly when the
/// partial quotients of <c>α</c>'s continued fraction are small (golden-ratio "Fibonacci hashing" is the extreme case, all
/// ones). So the multiplier is drawn at random among those whose partial quotients are 1 or 2 (uniformly random ones
/// leave sequential keys with mean probes up to 2.46 in DictionaryHashingTests, drawn ones within 1.04).
/// </summary>
internal static class RcuDictionaryHashing
{
    /// <summary>The largest partial quotient of a drawn multiplier: 2, so gaps between neighbouring points differ by a small factor.</summary>
    public const int MaxPartialQuotient = 2;

    /// <summary>Convergent denominators up to this bound are built from drawn quotients; the multiplier's low bits, drawn freely, disturb nothing below it.</summary>
    public const ulong SpreadDenominator = 1UL << 20;

    /// <summary>
    /// Draws a random odd multiplier in [2^63, 2^64): the continued fraction <c>[0; 1, a2, a3, …]</c> with each later
    /// partial quotient drawn from {1, 2}, evaluated until its denominator passes 2^36, then 16 random low bits. The low
    /// bits move <c>α</c> by at most 2^-48, which leaves the quotients up to denominators of 2^20 unchanged (so progressions
    /// of up to about a million keys spread evenly) and adds entropy against hostile keys.
    /// </summary>
    public static ulong DrawMultiplier()
    {
        // Convergents p/q of [0; a1, a2, ...]: p(-1) = 1, q(-1) = 0, p(0) = 0, q(0) = 1, p(n) = a(n) p(n-1) + p(n-2).
        UInt128 previousP = 1, previousQ = 0, p = 0, q = 1;
        for (int n = 1; q <= (1UL << 36); n++)
        {
            ulong quotient = n == 1 ? 1UL : 1UL + (ulong)Random.Shared.Next(MaxPartialQuotient);
            (previousP, p) = (p, quotient * p + previousP);
            (previousQ, q) = (q, quotient * q + previousQ);
        }
        ulong multiplier = (ulong)((p << 64) / q); // p/q in (1/2, 1): the top bit is set
        return multiplier ^ (ulong)Random.Shared.Next(1 << 16) | 1UL | (1UL << 63);
    }

    /// <summary>
    /// Whether every partial quotient of <c>m / 2^64</c> is at most <paramref name="maxQuotient"/> until the convergents'
    /// denominators exceed <paramref name="maxDenominator"/> (tests check drawn multipliers with it).
    /// </summary>
    public static bool SpreadsProgressionsEvenly(ulong multiplier, int maxQuotient, ulong maxDenominator)
    {
        // Euclid's algorithm on (2^64, m) yields the partial quotients of m / 2^64; q tracks the convergents' denominators.
        UInt128 numerator = (UInt128)1 << 64, denominator = multiplier;
        ulong previousQ = 0, q = 1;
        while (denominator != 0 && q <= maxDenominator)
        {
            UInt128 quotient = numerator / denominator;
            if (quotient > (ulong)maxQuotient) return false;
            (numerator, denominator) = (denominator, numerator - quotient * denominator);
            (previousQ, q) = (q, (ulong)quotient * q + previousQ);
        }
        return true;
    }
}
