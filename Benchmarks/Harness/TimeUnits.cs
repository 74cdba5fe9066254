using System.Diagnostics;
using System.Globalization;

namespace RcuCollections.Benchmarks.Harness;

/// <summary>Conversions between <see cref="Stopwatch"/> ticks and nanoseconds, and human-readable durations.</summary>
public static class TimeUnits
{
    private static readonly double s_nanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    /// <summary>Converts a <see cref="Stopwatch"/> tick count to nanoseconds.</summary>
    /// <param name="ticks">Ticks of <see cref="Stopwatch.GetTimestamp"/>.</param>
    /// <returns>Nanoseconds, rounded down.</returns>
    public static long TicksToNanoseconds(long ticks) => (long)(ticks * s_nanosecondsPerTick);

    /// <summary>Gets the nanoseconds elapsed since a <see cref="Stopwatch.GetTimestamp"/> value.</summary>
    /// <param name="startTimestamp">The start timestamp.</param>
    /// <returns>Elapsed nanoseconds.</returns>
    public static long NanosecondsSince(long startTimestamp) => TicksToNanoseconds(Stopwatch.GetTimestamp() - startTimestamp);

    /// <summary>Formats nanoseconds with a unit that keeps three significant digits (ns, µs, ms, s).</summary>
    /// <param name="nanoseconds">The duration in nanoseconds.</param>
    /// <returns>For example "1.23 ns", "45.6 µs", "50.2 ms", or "n/a" for NaN.</returns>
    public static string Format(double nanoseconds)
    {
        if (double.IsNaN(nanoseconds))
            return "n/a";
        if (double.IsPositiveInfinity(nanoseconds))
            return "∞";
        double abs = Math.Abs(nanoseconds);
        return abs switch
        {
            < 1e3 => Significant(nanoseconds) + " ns",
            < 1e6 => Significant(nanoseconds / 1e3) + " µs",
            < 1e9 => Significant(nanoseconds / 1e6) + " ms",
            _ => Significant(nanoseconds / 1e9) + " s",
        };
    }

    /// <summary>Formats a number with three significant digits (no exponent for ordinary magnitudes).</summary>
    /// <param name="value">The number.</param>
    /// <returns>The text in the invariant culture.</returns>
    public static string Significant(double value)
    {
        if (double.IsNaN(value))
            return "n/a";
        double abs = Math.Abs(value);
        string format = abs switch
        {
            0 => "0",
            >= 100 => "0",
            >= 10 => "0.0",
            >= 1 => "0.00",
            _ => "0.000",
        };
        return value.ToString(format, CultureInfo.InvariantCulture);
    }
}
