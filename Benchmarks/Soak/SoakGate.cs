namespace RcuCollections.Benchmarks.Soak;

/// <summary>
/// Lets the controller stop every worker at a burst boundary (a checkpoint needs quiescence), resume them, and end
/// the run. Bursts are short, so a pause takes milliseconds; one that does not end within the timeout is a hang.
/// </summary>
public sealed class SoakGate
{
    private readonly object _lock = new(); // Monitor.Wait needs a monitor, not a System.Threading.Lock
    private int _active;
    private bool _paused;
    private bool _stopping;

    /// <summary>Called by a worker slot before a burst: waits while paused.</summary>
    /// <returns>False when the run is ending.</returns>
    public bool EnterBurst()
    {
        lock (_lock)
        {
            while (_paused && !_stopping)
                Monitor.Wait(_lock);
            if (_stopping)
                return false;
            _active++;
            return true;
        }
    }

    /// <summary>Called by a worker slot after its burst thread ended.</summary>
    public void ExitBurst()
    {
        lock (_lock)
        {
            if (--_active == 0)
                Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Stops new bursts and waits for the running ones to end.</summary>
    /// <param name="timeout">How long the running bursts may take.</param>
    /// <returns>False when they did not end in time.</returns>
    public bool Pause(TimeSpan timeout)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        lock (_lock)
        {
            _paused = true;
            while (_active > 0)
            {
                long left = deadline - Environment.TickCount64;
                if (left <= 0)
                    return false;
                Monitor.Wait(_lock, (int)Math.Min(left, int.MaxValue));
            }
            return true;
        }
    }

    /// <summary>Lets the workers start bursts again.</summary>
    public void Resume()
    {
        lock (_lock)
        {
            _paused = false;
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Ends the run: waiting slots return and no burst starts any more.</summary>
    public void Stop()
    {
        lock (_lock)
        {
            _stopping = true;
            Monitor.PulseAll(_lock);
        }
    }
}
