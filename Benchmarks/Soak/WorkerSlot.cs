namespace RcuCollections.Benchmarks.Soak;

/// <summary>
/// One worker slot: a supervisor thread that starts a fresh thread for every burst of work (5–30 ms), waits for it
/// with a timeout, and starts the next, so readers and writers register with the domains, work, and exit all the
/// time (the thread churn the domains must absorb: records of dead threads are pruned). A burst that does not end in
/// time is a hang.
/// </summary>
public sealed class WorkerSlot
{
    private static readonly ParameterizedThreadStart s_burst = static state => ((WorkerSlot)state!).Burst();

    private readonly SoakRunner _runner;
    private readonly SoakLog _log;
    private readonly WorkerScratch _scratch;
    private readonly int _index;
    private Thread? _supervisor;
    private long _threads;

    /// <summary>Creates a slot.</summary>
    /// <param name="runner">The run.</param>
    /// <param name="kind">What its threads do.</param>
    /// <param name="index">Its index among the run's counters.</param>
    /// <param name="seed">Its random seed.</param>
    public WorkerSlot(SoakRunner runner, WorkerKind kind, int index, int seed)
    {
        ArgumentNullException.ThrowIfNull(runner);
        _runner = runner;
        _log = runner.Log;
        Kind = kind;
        _index = index;
        _scratch = new WorkerScratch(seed);
    }

    /// <summary>Gets what the slot's threads do.</summary>
    public WorkerKind Kind { get; }

    /// <summary>Gets how many burst threads the slot has started.</summary>
    public long Threads => Interlocked.Read(ref _threads);

    /// <summary>Starts the supervisor thread.</summary>
    public void Start()
    {
        _supervisor = new Thread(Supervise) { IsBackground = true, Name = $"soak {Kind} slot {_index}" };
        _supervisor.Start();
    }

    /// <summary>Waits for the supervisor to end (after the gate was stopped).</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>False when it did not end in time.</returns>
    public bool Join(TimeSpan timeout) => _supervisor is null || _supervisor.Join(timeout);

    private void Supervise()
    {
        TimeSpan timeout = _runner.Settings.HangTimeout;
        while (_runner.Gate.EnterBurst())
        {
            var burst = new Thread(s_burst) { IsBackground = true };
            Interlocked.Increment(ref _threads);
            burst.Start(this);
            bool ended = burst.Join(timeout);
            _runner.Gate.ExitBurst();
            if (!ended)
            {
                _log.Hang($"a {Kind} burst thread did not end within {timeout.TotalSeconds:0} s (a blocking call in the library never returned)");
                return;
            }
        }
    }

    private void Burst()
    {
        Random random = _scratch.Random;
        SoakWorld world = random.Next(2) == 0 ? _runner.Persistent : _runner.Generational;
        long until = Environment.TickCount64 + 5 + random.Next(26);
        IDisposable? forceRegistration = null;
        try
        {
            if (Kind == WorkerKind.Reader && random.Next(4) == 0)
                forceRegistration = world.RegisterThrowingForceCallback();
            if (Kind == WorkerKind.Writer)
                world.Named.ClaimLane(_scratch);
            do
            {
                int operations = Kind switch
                {
                    WorkerKind.Reader => world.Read(_scratch),
                    WorkerKind.Writer => world.Write(_scratch),
                    _ => world.Grace.Step(random),
                };
                _runner.AddOperations(_index, operations);
            }
            while (Environment.TickCount64 < until);
        }
        catch (Exception ex)
        {
            _log.Violation($"{world.Name}: a {Kind} burst failed with {ex.GetType().Name}: {ex.Message}{Environment.NewLine}{ex.StackTrace}");
        }
        finally
        {
            forceRegistration?.Dispose();
            if (Kind == WorkerKind.Writer)
                world.Named.ReleaseLane(_scratch);
        }
    }
}
