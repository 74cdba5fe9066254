using System.Diagnostics;

namespace RcuCollections.Benchmarks.Engine.Seed;

/// <summary>Converts a wanted busy time (a "~1 µs read section") into a <see cref="Thread.SpinWait"/> count, measured once per process.</summary>
public static class SpinCalibration
{
    private static readonly Lazy<double> s_nanosecondsPerIteration = new(Measure);

    /// <summary>Gets the SpinWait iterations that take about <paramref name="time"/>.</summary>
    /// <param name="time">The wanted busy time.</param>
    /// <returns>At least 1.</returns>
    public static int IterationsFor(TimeSpan time) =>
        (int)Math.Clamp(time.TotalNanoseconds / s_nanosecondsPerIteration.Value, 1, int.MaxValue);

    private static double Measure()
    {
        const int iterations = 20_000;
        double best = double.MaxValue;
        // Best of five: another process taking the core only ever makes a try slower.
        for (int attempt = 0; attempt < 5; attempt++)
        {
            long start = Stopwatch.GetTimestamp();
            Thread.SpinWait(iterations);
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalNanoseconds / iterations);
        }
        return Math.Max(best, 0.1);
    }
}
