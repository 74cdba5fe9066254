using System.Diagnostics;
using RcuCollections.Benchmarks.Engines;
using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine.Seed;

/// <summary>
/// Defers stamped callbacks and measures how long they take to run (T1 − T0 of B1/B2,
/// docs/design/rcu-algorithms.md §5).
/// </summary>
public sealed class CallbackProbe
{
    private readonly ManualResetEventSlim _done = new(false);
    private readonly long _start;
    private int _remaining;
    private long _firstRun;
    private long _lastRun;

    private CallbackProbe(int count)
    {
        _remaining = count;
        _start = Stopwatch.GetTimestamp();
    }

    /// <summary>Defers <paramref name="count"/> callbacks at once and returns the probe that waits for them.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="count">How many callbacks (1 for a lone Defer, 30/100/1000 for a burst).</param>
    /// <returns>The probe; T0 is taken before the first Defer.</returns>
    public static CallbackProbe Post(IRcuEngine engine, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var probe = new CallbackProbe(count);
        Action callback = probe.OnRun;
        for (int i = 0; i < count; i++)
            engine.Defer(callback);
        return probe;
    }

    /// <summary>Waits for every callback of the probe.</summary>
    /// <param name="timeout">The cap.</param>
    /// <returns>Whether all ran within the cap.</returns>
    public bool Wait(TimeSpan timeout) => _done.Wait(timeout);

    /// <summary>Gets the time from the first Defer to the last callback, in nanoseconds (valid after <see cref="Wait"/> returned true).</summary>
    public double LastNanoseconds => TimeUnits.TicksToNanoseconds(_lastRun - _start);

    /// <summary>Gets the time from the first Defer to the first callback, in nanoseconds.</summary>
    public double FirstNanoseconds => TimeUnits.TicksToNanoseconds(_firstRun - _start);

    private void OnRun()
    {
        // Runs on the engine's single callback thread, so these plain stores are ordered by the event's Set below
        // (release) and read after Wait (acquire).
        long now = Stopwatch.GetTimestamp();
        if (_firstRun == 0)
            _firstRun = now;
        _lastRun = now;
        if (--_remaining == 0)
            _done.Set();
    }
}
