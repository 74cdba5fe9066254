using System.Diagnostics;

namespace RcuCollections.Benchmarks.Harness;

/// <summary>
/// Times a cheap single-threaded operation in nanoseconds per operation over a fixed window: the harness's answer
/// for the quick table, where BenchmarkDotNet would take minutes. Batches of a fixed size keep the clock reads off
/// the measured loop; the window is checked between batches.
/// </summary>
public static class OperationTimer
{
    /// <summary>Runs <paramref name="operation"/> for about <paramref name="duration"/> and returns nanoseconds per operation.</summary>
    /// <typeparam name="TOperation">A struct type, so the loop is specialised (see <see cref="IBatchOperation"/>).</typeparam>
    /// <param name="operation">The operation.</param>
    /// <param name="duration">The window.</param>
    /// <param name="batch">Operations per batch (between clock reads).</param>
    /// <returns>Nanoseconds per operation.</returns>
    public static double NanosecondsPerOperation<TOperation>(ref TOperation operation, TimeSpan duration, int batch = 1024)
        where TOperation : struct, IBatchOperation
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        long window = (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long start = Stopwatch.GetTimestamp();
        long end = start + window;
        long operations = 0;
        long now;
        do
        {
            operation.Run(batch);
            operations += batch;
            now = Stopwatch.GetTimestamp();
        }
        while (now < end);
        return TimeUnits.TicksToNanoseconds(now - start) / (double)operations;
    }
}
