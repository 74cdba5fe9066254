using System.Collections.Concurrent;

namespace RcuCollections.Benchmarks.Baselines.LegacyRcu;

// call_rcu1, the pre-patch call_rcu thread loop (docs/design/rcu-algorithms.md §4.3) and drain_call_rcu (§4.5).
public sealed partial class LegacyRcuDomain
{
    private readonly ConcurrentQueue<Action> _queue = new();
    private readonly LegacyEvent _callReadyEvent = new(initiallySet: false); // rcu_call_ready_event, initially FREE
    private readonly Thread _callThread;
    private long _callCount;          // rcu_call_count: enqueued and not yet taken into a batch
    private long _callbacksPending;   // instrumentation: enqueued and not yet run
    private long _callbacksInvoked, _callbackFailures, _batches, _batchSleeps;

    /// <summary>Queues <paramref name="callback"/> to run after a grace period on the call_rcu thread (call_rcu1).</summary>
    /// <param name="callback">The callback.</param>
    /// <exception cref="ObjectDisposedException">The domain was disposed.</exception>
    public void Defer(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ThrowIfDisposed();
        Interlocked.Increment(ref _callbacksPending);
        _queue.Enqueue(callback);
        // Incremented after the enqueue, so every counted callback is already in the queue.
        Interlocked.Increment(ref _callCount);
        _callReadyEvent.Set();
    }

    /// <summary>
    /// drain_call_rcu: queues a marker and waits until it has run, with the drain flag raised so that the writer
    /// calls the busy readers' force_rcu notifiers. It does not shorten the call_rcu thread's batching sleeps.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called inside a section or from a callback.</exception>
    public void Barrier()
    {
        ThrowIfCannotWait(nameof(Barrier));
        using var done = new ManualResetEventSlim(false);
        Interlocked.Increment(ref _inDrain);
        try
        {
            Defer(done.Set);
            done.Wait();
        }
        finally
        {
            Interlocked.Decrement(ref _inDrain);
        }
    }

    private void CallRcuThreadLoop()
    {
        while (true)
        {
            int tries = 0;
            long n = Volatile.Read(ref _callCount);
            // Batching: sleep while there is nothing, or fewer than MinBatchSize callbacks and tries remain.
            // While n == 0 the ++tries is short-circuited, as in QEMU.
            while (n == 0 || (n < _options.MinBatchSize && ++tries <= _options.BatchTries))
            {
                Thread.Sleep(_options.BatchSleep);
                Interlocked.Increment(ref _batchSleeps);
                if (n == 0)
                {
                    _callReadyEvent.Reset();
                    n = Volatile.Read(ref _callCount);
                    if (n == 0)
                    {
                        if (_disposed)
                            return; // Dispose: nothing left to run
                        _callReadyEvent.Wait();
                    }
                }
                n = Volatile.Read(ref _callCount);
            }

            Interlocked.Add(ref _callCount, -n); // before the grace period (the FQS patch moved it after)
            SynchronizeCore();
            Interlocked.Increment(ref _batches);
            for (long i = 0; i < n; i++)
            {
                Action? callback;
                // The count is incremented after the enqueue completes, so the item is there.
                while (!_queue.TryDequeue(out callback))
                    Thread.Yield();
                try
                {
                    callback();
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref _callbackFailures);
                }
                Interlocked.Increment(ref _callbacksInvoked);
                Interlocked.Decrement(ref _callbacksPending);
            }
        }
    }
}
