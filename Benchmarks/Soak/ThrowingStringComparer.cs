namespace RcuCollections.Benchmarks.Soak;

/// <summary>
/// Ordinal string equality that throws on purpose when the calling thread armed it: the n-th comparer call after
/// <see cref="Arm"/> throws. The dictionary promises that a throwing comparer leaves it unchanged (every comparer
/// call comes before anything changes) and that a reader's section is left on the way out.
/// </summary>
public sealed class ThrowingStringComparer : IEqualityComparer<string>
{
    [ThreadStatic]
    private static int t_countdown;

    /// <summary>Gets the shared instance (it has no state of its own; arming is per thread).</summary>
    public static ThrowingStringComparer Instance { get; } = new();

    /// <summary>Makes the <paramref name="call"/>-th comparer call on this thread throw.</summary>
    /// <param name="call">1 for the next call.</param>
    public static void Arm(int call) => t_countdown = call;

    /// <summary>Disarms the calling thread; returns whether it was still armed (the throw did not happen).</summary>
    /// <returns>True when the armed call never came.</returns>
    public static bool Disarm()
    {
        bool wasArmed = t_countdown > 0;
        t_countdown = 0;
        return wasArmed;
    }

    /// <inheritdoc />
    public bool Equals(string? x, string? y)
    {
        Tick();
        return string.Equals(x, y, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public int GetHashCode(string obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        Tick();
        return StringComparer.Ordinal.GetHashCode(obj);
    }

    private static void Tick()
    {
        if (t_countdown > 0 && --t_countdown == 0)
            throw new SoakInjectedException("key comparer");
    }
}
