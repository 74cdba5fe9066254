using System.Diagnostics;

namespace RcuCollections.Linearizability;

/// <summary>
/// Dedicated threads that run the parallel part of a scenario, many times over. Starting threads per run would cost
/// far more than the operations; instead each worker parks on its own event between runs, and a run releases them
/// through a spinning start gate, so they begin their operations within a few hundred nanoseconds of one another
/// rather than one kernel wake-up apart.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private readonly Thread[] _threads;
    private readonly ManualResetEventSlim[] _wake;
    private readonly CountdownEvent _done = new(1);
    private Action<int>? _body;      // written by Run before the wake events are set (Set is a full fence; Wait pairs)
    private int _participants;       // ditto
    private int _arrived;            // Interlocked by the workers at the gate; reset by Run before waking them
    private Exception? _failure;     // first exception of the current run; Interlocked.CompareExchange
    private volatile bool _disposed;
    private bool _hung;

    /// <summary>Starts <paramref name="size"/> background workers.</summary>
    /// <param name="size">The most threads a run may use.</param>
    public WorkerPool(int size)
    {
        _threads = new Thread[size];
        _wake = new ManualResetEventSlim[size];
        for (int i = 0; i < size; i++)
        {
            _wake[i] = new ManualResetEventSlim(false); // spins briefly before blocking: runs follow each other closely
            int index = i;
            _threads[i] = new Thread(() => WorkerLoop(index))
            {
                IsBackground = true, // a hung run must not keep the test process alive
                Name = $"Linearizability worker {i + 1}",
            };
            _threads[i].Start();
        }
    }

    /// <summary>The number of workers.</summary>
    public int Size => _threads.Length;

    /// <summary>
    /// Runs <paramref name="body"/>(0..participants-1) on that many workers, released together, and waits for all.
    /// </summary>
    /// <param name="participants">How many workers take part.</param>
    /// <param name="body">The work of worker i.</param>
    /// <param name="timeout">How long to wait before declaring the run hung.</param>
    /// <returns>The first exception a body threw, or null.</returns>
    /// <exception cref="TimeoutException">The run did not finish in time; the pool is unusable afterwards.</exception>
    /// <exception cref="ObjectDisposedException">The pool was disposed.</exception>
    public Exception? Run(int participants, Action<int> body, TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_hung)
        {
            throw new InvalidOperationException("An earlier run never finished; its threads are still busy.");
        }

        Debug.Assert(participants >= 1 && participants <= Size);
        _body = body;
        _participants = participants;
        _arrived = 0;
        _failure = null;
        _done.Reset(participants);
        for (int i = 0; i < participants; i++)
        {
            _wake[i].Set(); // Publishes the fields above to worker i (pairs with its Wait).
        }

        if (!_done.Wait(timeout))
        {
            _hung = true;
            throw new TimeoutException($"The parallel part did not finish within {timeout.TotalSeconds:0.#} s (deadlock or livelock?).");
        }

        // The countdown's last Signal happens-before Wait returns, so every body's writes are visible here.
        return _failure;
    }

    /// <summary>
    /// Stops the workers (waits briefly for idle ones; hung ones are background threads and are abandoned). The events
    /// are deliberately not disposed: an abandoned worker that wakes up later still touches them on its way out.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (ManualResetEventSlim wake in _wake)
        {
            wake.Set();
        }

        if (!_hung)
        {
            foreach (Thread thread in _threads)
            {
                thread.Join(TimeSpan.FromSeconds(5));
            }
        }
    }

    private void WorkerLoop(int index)
    {
        while (true)
        {
            _wake[index].Wait();
            _wake[index].Reset(); // Run sets it again only after this run's countdown completed.
            if (_disposed)
            {
                return;
            }

            // The start gate: arrive, then spin until every participant has arrived, so the bodies start together.
            // SpinOnce yields now and then (never sleeps), so on fewer cores than threads the late ones still get in.
            Interlocked.Increment(ref _arrived);
            var spinner = default(SpinWait);
            while (Volatile.Read(ref _arrived) < _participants)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }

            try
            {
                _body!(index);
            }
            catch (Exception exception)
            {
                Interlocked.CompareExchange(ref _failure, exception, null);
            }
            finally
            {
                _done.Signal();
            }
        }
    }
}
