using System.Diagnostics;

namespace RcuCollections.Benchmarks.Harness;

/// <summary>
/// Times a cheap single-threaded operation in nanoseconds per operation over a fixed window: the harness's answer
/// for the quick table, where BenchmarkDotNet would take minutes. Batches of a fixed size keep the clock reads off
/// the measured loop; the window is checked between batches.
/// </summary>
/// <remarks>
/// The window is wall-clock time, but the figure divides the thread's CPU time (<see cref="ThreadCpuClock"/>) by
/// the operations where that clock exists: on a shared machine the wall clock also counts the time the thread sat
/// descheduled, which inflates every figure by the machine's load and compresses ratios between variants measured
/// at different moments. Falls back to wall-clock time elsewhere.
/// </remarks>
public static class OperationTimer
{
    /// <summary>Gets which clock the figures use, for table notes.</summary>
    public static string ClockName => ThreadCpuClock.IsAvailable ? "thread CPU time" : "wall-clock time";

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
        long cpuStart = ThreadCpuClock.NowNanoseconds();
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
        long cpuEnd = ThreadCpuClock.NowNanoseconds();
        double elapsed = cpuStart >= 0 && cpuEnd > cpuStart ? cpuEnd - cpuStart : TimeUnits.TicksToNanoseconds(now - start);
        return elapsed / operations;
    }
}
