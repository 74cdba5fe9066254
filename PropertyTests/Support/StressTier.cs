namespace RcuCollections.Tests.Support;

/// <summary>
/// Test sizes: short by default (CI has two noisy cores and a time budget), longer when the environment
/// variable <c>RCU_STRESS=1</c> is set.
/// </summary>
public static class StressTier
{
    /// <summary>Gets whether the long tier is selected.</summary>
    public static bool IsLong { get; } = Environment.GetEnvironmentVariable("RCU_STRESS") == "1";

    /// <summary>Picks the short or the long value.</summary>
    public static T Pick<T>(T shortValue, T longValue) => IsLong ? longValue : shortValue;

    /// <summary>A duration for a stress loop.</summary>
    public static TimeSpan Duration(double shortSeconds, double longSeconds) => TimeSpan.FromSeconds(Pick(shortSeconds, longSeconds));
}
