namespace RcuCollections.Benchmarks.Soak;

/// <summary>
/// One domain and everything built on it: both dictionaries, both lists, the memory map and the domain's own
/// workload, with the ledgers that check them. The persistent world lives for the whole run (so a slow leak in it
/// shows in the heap series); generational worlds are torn down and replaced every few seconds.
/// </summary>
public sealed class SoakWorld
{
    private readonly SoakLog _log;
    private readonly TimeSpan _timeout;
    private readonly Action _forceCallback;

    // A node deferred once and then only held, as a collection holds its spare table: whatever the domain leaves
    // reachable from a node after running it (a stale queue link, say) stays reachable for as long as the world lives.
    private readonly TrackedCallback? _keepsake;

    /// <summary>Creates the world: a fresh domain and fresh collections on it.</summary>
    /// <param name="name">For messages and thread names ("persistent", "gen-3").</param>
    /// <param name="log">The verdict log.</param>
    /// <param name="timeout">How long a wait may take.</param>
    /// <param name="keepsake">Whether to defer one node once and hold it for the world's life.</param>
    public SoakWorld(string name, SoakLog log, TimeSpan timeout, bool keepsake)
    {
        ArgumentNullException.ThrowIfNull(log);
        Name = name;
        _log = log;
        _timeout = timeout;
        Domain = new RcuDomain(new RcuOptions { Name = "soak-" + name });
        Failures = new FailureLedger(Domain, log, name);
        Ledger = new LedgerMap(Domain, Failures, log, name);
        Named = new NamedMap(Domain, Failures, log, name);
        List = new ListLedger(Domain, pooled: false, log, name);
        PooledList = new ListLedger(Domain, pooled: true, log, name);
        Memory = new MapWorkload(Domain, Failures, log, name);
        Grace = new GraceWorkload(Domain, new CallbackPool(128, Failures, log, name + "/callbacks"),
            new ValueLedger(log, Failures, name + "/retired"), log, name, timeout);
        _forceCallback = ForceCallback;
        if (keepsake)
        {
            _keepsake = Grace.Callbacks.TryClaim(new Random(1));
            if (_keepsake is not null)
            {
                Domain.Defer(_keepsake);
                Grace.Callbacks.NoteDeferredOutsidePool();
            }
        }
    }

    /// <summary>Gets the world's name.</summary>
    public string Name { get; }

    /// <summary>Gets the world's domain.</summary>
    public RcuDomain Domain { get; }

    /// <summary>Gets the domain's failure ledger.</summary>
    public FailureLedger Failures { get; }

    /// <summary>Gets the int-keyed dictionary.</summary>
    public LedgerMap Ledger { get; }

    /// <summary>Gets the string-keyed dictionary.</summary>
    public NamedMap Named { get; }

    /// <summary>Gets the unpooled list.</summary>
    public ListLedger List { get; }

    /// <summary>Gets the pooled list.</summary>
    public ListLedger PooledList { get; }

    /// <summary>Gets the memory map.</summary>
    public MapWorkload Memory { get; }

    /// <summary>Gets the domain's own workload.</summary>
    public GraceWorkload Grace { get; }

    /// <summary>One reader step on a random collection; now and then a long section that yields when forced.</summary>
    /// <param name="scratch">The reader's scratch.</param>
    /// <returns>Operations done.</returns>
    public int Read(WorkerScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        Random random = scratch.Random;
        int choice = random.Next(100);
        return choice switch
        {
            < 30 => Ledger.Read(scratch),
            < 45 => Named.Read(random),
            < 57 => List.Read(random),
            < 69 => PooledList.Read(random),
            < 97 => Memory.Read(random),
            _ => LongSection(random),
        };
    }

    /// <summary>One writer step on a random collection.</summary>
    /// <param name="scratch">The writer's scratch.</param>
    /// <returns>Operations done.</returns>
    public int Write(WorkerScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        Random random = scratch.Random;
        int choice = random.Next(100);
        return choice switch
        {
            < 35 => Ledger.Write(random),
            < 55 => Named.Write(scratch),
            < 65 => List.Write(random),
            < 75 => PooledList.Write(random),
            _ => Memory.Write(random),
        };
    }

    /// <summary>Registers a force callback for the calling reader thread (it throws whenever it runs).</summary>
    /// <returns>The registration, to dispose when the burst ends.</returns>
    public IDisposable RegisterThrowingForceCallback() => Domain.RegisterForceCallback(_forceCallback);

    /// <summary>
    /// A checkpoint (workers paused): quiescent checks, a Barrier, then the checks that need every callback run.
    /// </summary>
    /// <param name="seen">A scratch counter array.</param>
    /// <returns>False when the Barrier hung.</returns>
    public bool Checkpoint(int[] seen)
    {
        long ledgerValues = Ledger.CheckQuiescent(seen);
        long namedValues = Named.CheckQuiescent(seen);
        List.CheckQuiescent();
        PooledList.CheckQuiescent();
        if (!Barrier("checkpoint"))
            return false;
        Ledger.CheckDisposals(ledgerValues);
        Named.CheckDisposals(namedValues);
        Grace.Retired.CheckDisposals(0);
        Grace.Callbacks.CheckNonePending();
        Memory.CheckAfterBarrier();
        Failures.Check(Domain.GetStatistics());
        return true;
    }

    /// <summary>
    /// Tears the world down after a checkpoint: clears the collections and disposes the map, Barrier, checks that
    /// everything was released, then disposes the domain while a racer thread keeps calling it, and checks again;
    /// last, the same race on a fresh domain.
    /// </summary>
    /// <param name="random">The controller's random stream.</param>
    /// <returns>False when something hung (the run must end).</returns>
    public bool TearDown(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Ledger.Clear();
        Named.Clear();
        List.Clear();
        PooledList.Clear();
        Memory.Dispose(random);
        if (!Barrier("teardown"))
            return false;
        Ledger.CheckDisposals(0);
        Named.CheckDisposals(0);
        Grace.Retired.CheckDisposals(0);
        Grace.Callbacks.CheckNonePending();
        Memory.CheckReleasedAfterDispose();
        Failures.Check(Domain.GetStatistics());

        var racer = new DisposeRacer(Domain, Grace.Callbacks, Grace.Retired, Failures, _log, Name, random.Next());
        return racer.DisposeWhileRacing(1 + random.Next(50), _timeout)
            && DisposeRacer.RaceFreshDomain(_log, random, _timeout, Name + "-fresh");
    }

    private bool Barrier(string when) =>
        TimedCall.RunChecked(_log, Domain.Barrier, _timeout, $"{Name}: RcuDomain.Barrier at a {when} (workers paused)");

    private int LongSection(Random random)
    {
        // A reader that holds its section for up to 2 ms and leaves early when the grace period forces it.
        using RcuReadGuard guard = Domain.ReadLock();
        long until = Environment.TickCount64 + 1 + random.Next(2);
        while (Environment.TickCount64 <= until && !Domain.ForceRequested)
            Thread.SpinWait(50);
        return 1;
    }

    private void ForceCallback()
    {
        Failures.NoteThrown();
        throw new SoakInjectedException("force callback");
    }
}
