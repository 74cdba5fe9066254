namespace RcuCollections.Benchmarks.Harness;

/// <summary>
/// Dedicated background threads for latency experiments (reader threads while a driver measures grace periods):
/// each runs a body that sets itself up, calls <see cref="BackgroundThreadControl.Ready"/> (a barrier: all threads
/// are released together once every one is set up), then loops until <see cref="BackgroundThreadControl.StopRequested"/>.
/// Each thread has a padded counter of its own for operations it wants to report.
/// </summary>
public sealed class BackgroundThreadGroup : IDisposable
{
    private readonly Thread[] _threads;
    private readonly BackgroundThreadControl[] _controls;
    private readonly Exception?[] _failures;
    private readonly Shared _shared;
    private bool _started;
    private bool _stopped;

    /// <summary>Creates (does not start) the threads.</summary>
    /// <param name="count">Number of threads; 0 is allowed (no background load).</param>
    /// <param name="name">Thread name prefix.</param>
    /// <param name="body">What each thread runs, given its control.</param>
    public BackgroundThreadGroup(int count, string name, Action<BackgroundThreadControl> body)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(body);
        _shared = new Shared(count);
        _threads = new Thread[count];
        _controls = new BackgroundThreadControl[count];
        _failures = new Exception?[count];
        for (int i = 0; i < count; i++)
        {
            int index = i;
            _controls[i] = new BackgroundThreadControl(index, _shared);
            _threads[i] = new Thread(() =>
            {
                try
                {
                    body(_controls[index]);
                }
                catch (Exception ex)
                {
                    _failures[index] = ex;
                }
                finally
                {
                    // A body that failed (or forgot) before Ready must not leave Start waiting forever.
                    _controls[index].Ready();
                }
            })
            {
                IsBackground = true,
                Name = $"{name}-{i}",
            };
        }
    }

    /// <summary>Gets the number of threads.</summary>
    public int Count => _threads.Length;

    /// <summary>Starts the threads and returns once all are set up and released.</summary>
    /// <param name="timeout">How long set-up may take.</param>
    /// <exception cref="TimeoutException">A thread did not get ready in time.</exception>
    public void Start(TimeSpan timeout)
    {
        if (_started)
            throw new InvalidOperationException("The threads were already started.");
        _started = true;
        foreach (Thread thread in _threads)
            thread.Start();
        if (!_shared.ReadyCount.Wait(timeout))
            throw new TimeoutException("Background threads did not get ready in time.");
        _shared.Go.Set();
        ThrowIfFailed();
    }

    /// <summary>Gets the sum of the threads' counters (a racy but monotonic snapshot while they run).</summary>
    /// <returns>The sum.</returns>
    public long TotalCount()
    {
        long total = 0;
        for (int i = 0; i < _shared.Counters.Length; i++)
            total += Volatile.Read(ref _shared.Counters[i].Value);   // pairs with the owner's Volatile.Write in Add
        return total;
    }

    /// <summary>
    /// Gets the sum of the CPU time the threads last published with <see cref="BackgroundThreadControl.PublishCpuTime"/>
    /// (nanoseconds since each thread started; a racy but monotonic snapshot).
    /// </summary>
    /// <returns>The sum, or 0 when no thread publishes.</returns>
    public long TotalCpuNanoseconds()
    {
        long total = 0;
        for (int i = 0; i < _shared.CpuTimes.Length; i++)
            total += Volatile.Read(ref _shared.CpuTimes[i].Value);   // pairs with PublishCpuTime's Volatile.Write
        return total;
    }

    /// <summary>Asks the threads to stop and waits for them.</summary>
    /// <param name="timeout">How long to wait for all of them.</param>
    /// <exception cref="TimeoutException">A thread did not stop in time.</exception>
    /// <exception cref="AggregateException">A thread's body threw.</exception>
    public void Stop(TimeSpan timeout)
    {
        if (_stopped || !_started)
            return;
        _stopped = true;
        Volatile.Write(ref _shared.StopFlag, 1);   // release: pairs with StopRequested's acquire load
        _shared.Stopping.Set();
        _shared.Go.Set();
        DateTime deadline = DateTime.UtcNow + timeout;
        foreach (Thread thread in _threads)
        {
            TimeSpan left = deadline - DateTime.UtcNow;
            if (!thread.Join(left > TimeSpan.Zero ? left : TimeSpan.Zero))
                throw new TimeoutException($"Background thread '{thread.Name}' did not stop within {timeout}.");
        }
        ThrowIfFailed();
    }

    /// <summary>Stops the threads (waiting up to 10 seconds).</summary>
    public void Dispose() => Stop(TimeSpan.FromSeconds(10));

    private void ThrowIfFailed()
    {
        Exception[] errors = [.. _failures.OfType<Exception>()];
        if (errors.Length > 0)
            throw new AggregateException("A background thread failed.", errors);
    }

    internal sealed class Shared(int count)
    {
        public readonly CountdownEvent ReadyCount = new(count);
        public readonly ManualResetEventSlim Go = new(false);
        public readonly ManualResetEventSlim Stopping = new(false);
        public readonly PaddedCounter[] Counters = new PaddedCounter[count];
        public readonly PaddedCounter[] CpuTimes = new PaddedCounter[count];
        public int StopFlag;
    }
}
