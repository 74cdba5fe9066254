namespace RcuCollections.Linearizability;

/// <summary>Runs a scenario once on a fresh object: init part, parallel part on the worker pool, post part, recorded.</summary>
/// <typeparam name="TObject">The object under test.</typeparam>
/// <typeparam name="TInput">The operation input.</typeparam>
/// <typeparam name="TOutput">The operation output.</typeparam>
internal sealed class ScenarioRunner<TObject, TInput, TOutput> : IDisposable
{
    private readonly Func<TObject> _factory;
    private readonly Func<TObject, TInput, TOutput> _execute;
    private readonly WorkerPool _pool;
    private readonly int _maxJitter;
    private readonly TimeSpan _runTimeout;
    private int _runCount;

    /// <summary>Creates a runner with its own worker threads.</summary>
    /// <param name="factory">Creates the object under test.</param>
    /// <param name="execute">Performs one operation.</param>
    /// <param name="maxThreads">The most threads a scenario has.</param>
    /// <param name="maxJitter">Most spins before a thread's first operation.</param>
    /// <param name="runTimeout">Hang detection.</param>
    public ScenarioRunner(Func<TObject> factory, Func<TObject, TInput, TOutput> execute, int maxThreads, int maxJitter, TimeSpan runTimeout)
    {
        _factory = factory;
        _execute = execute;
        _pool = new WorkerPool(maxThreads);
        _maxJitter = maxJitter;
        _runTimeout = runTimeout;
    }

    /// <summary>Runs <paramref name="scenario"/> once.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <returns>The recorded run.</returns>
    /// <exception cref="TimeoutException">The parallel part hung.</exception>
    public ScenarioRun<TInput, TOutput> Run(ConcurrentScenario<TInput> scenario)
    {
        var recorder = new HistoryRecorder<TInput, TOutput>();
        HistoryClient<TInput, TOutput> main = recorder.CreateClient();
        var clients = new HistoryClient<TInput, TOutput>[scenario.Threads.Count];
        for (int i = 0; i < clients.Length; i++)
        {
            clients[i] = recorder.CreateClient();
        }

        TObject target = _factory();
        Func<TInput, TOutput> call = input => _execute(target, input);
        Exception? exception = null;
        bool hung = false;
        try
        {
            exception = RunSequentially(main, scenario.Prefix, call);
            if (exception is null)
            {
                int seed = Interlocked.Increment(ref _runCount);
                hung = true; // until the pool returns: a hung run's object may still be in use
                exception = _pool.Run(
                    clients.Length,
                    index =>
                    {
                        // Different overlaps on different runs: a small random head start per thread.
                        if (_maxJitter > 0)
                        {
                            Thread.SpinWait(new Random(HashCode.Combine(seed, index)).Next(_maxJitter + 1));
                        }

                        foreach (TInput input in scenario.Threads[index])
                        {
                            clients[index].Invoke(input, call);
                        }
                    },
                    _runTimeout);
                hung = false;
            }

            exception ??= RunSequentially(main, scenario.Suffix, call);
        }
        finally
        {
            if (!hung && target is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }

        // The pool's countdown ordered every worker's recording before this point (see WorkerPool.Run).
        IReadOnlyList<Operation<TInput, TOutput>> sequential = main.Operations;
        int prefixCount = Math.Min(scenario.Prefix.Count, sequential.Count);
        return new ScenarioRun<TInput, TOutput>(
            exception is null ? recorder.GetHistory() : [],
            sequential.Take(prefixCount).ToArray(),
            clients.Select(c => (IReadOnlyList<Operation<TInput, TOutput>>)c.Operations.ToArray()).ToArray(),
            sequential.Skip(prefixCount).ToArray(),
            exception);
    }

    /// <inheritdoc/>
    public void Dispose() => _pool.Dispose();

    private static Exception? RunSequentially(HistoryClient<TInput, TOutput> client, IReadOnlyList<TInput> inputs, Func<TInput, TOutput> call)
    {
        try
        {
            foreach (TInput input in inputs)
            {
                client.Invoke(input, call);
            }

            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }
}
