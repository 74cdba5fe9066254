namespace RcuCollections.Benchmarks.Soak;

/// <summary>
/// Disposes a domain while another thread keeps calling it. The contract under test: a call either works (a
/// deferred callback or retired value then runs before Dispose returns; a SynchronizeAsync completes; a Barrier
/// returns) or throws
/// <see cref="ObjectDisposedException"/>; Dispose itself returns; nothing hangs. Run on every world at its teardown
/// (a domain whose callback thread is busy) and on a fresh domain (whose callback thread may not have started yet).
/// </summary>
public sealed class DisposeRacer
{
    private const int MaxWaits = 8;

    private readonly RcuDomain _domain;
    private readonly CallbackPool _callbacks;
    private readonly ValueLedger _retired;
    private readonly FailureLedger _failures;
    private readonly SoakLog _log;
    private readonly string _name;
    private readonly Random _random;
    private readonly Task?[] _waits = new Task?[MaxWaits];
    private int _waitCount;
    private long _calls;
    private volatile bool _stop;

    /// <summary>Creates a racer for a domain and the ledgers that check it.</summary>
    /// <param name="domain">The domain to dispose.</param>
    /// <param name="callbacks">Nodes to defer on it.</param>
    /// <param name="retired">The ledger of values retired on it.</param>
    /// <param name="failures">Its failure ledger.</param>
    /// <param name="log">The verdict log.</param>
    /// <param name="name">For messages.</param>
    /// <param name="seed">The racer's random seed.</param>
    public DisposeRacer(RcuDomain domain, CallbackPool callbacks, ValueLedger retired, FailureLedger failures, SoakLog log, string name, int seed)
    {
        _domain = domain;
        _callbacks = callbacks;
        _retired = retired;
        _failures = failures;
        _log = log;
        _name = name;
        _random = new Random(seed);
    }

    /// <summary>Races Dispose on a new domain that nothing has used yet.</summary>
    /// <param name="log">The verdict log.</param>
    /// <param name="random">The controller's random stream.</param>
    /// <param name="timeout">How long Dispose and the racer may take.</param>
    /// <param name="name">For messages.</param>
    /// <returns>False when Dispose or the racer hung.</returns>
    public static bool RaceFreshDomain(SoakLog log, Random random, TimeSpan timeout, string name)
    {
        ArgumentNullException.ThrowIfNull(random);
        var domain = new RcuDomain(new RcuOptions { Name = "soak-" + name });
        var failures = new FailureLedger(domain, log, name);
        var racer = new DisposeRacer(domain, new CallbackPool(16, failures, log, name + "/callbacks"),
            new ValueLedger(log, failures, name + "/retired"), failures, log, name, random.Next());
        return racer.DisposeWhileRacing(random.Next(4), timeout);
    }

    /// <summary>Starts the racer, disposes the domain once the racer made <paramref name="callsFirst"/> calls, and checks the outcome.</summary>
    /// <param name="callsFirst">How many calls the racer makes before Dispose starts.</param>
    /// <param name="timeout">How long Dispose and the racer may take.</param>
    /// <returns>False when Dispose or the racer hung.</returns>
    public bool DisposeWhileRacing(int callsFirst, TimeSpan timeout)
    {
        var racer = new Thread(Race) { IsBackground = true, Name = "soak dispose racer" };
        racer.Start();
        while (Interlocked.Read(ref _calls) < callsFirst && racer.IsAlive)
            Thread.Yield();

        if (!TimedCall.RunChecked(_log, _domain.Dispose, timeout, $"{_name}: RcuDomain.Dispose while another thread calls the domain"))
            return false;
        _stop = true;
        if (!racer.Join(timeout))
        {
            _log.Hang($"{_name}: a domain call racing Dispose did not return within {timeout.TotalSeconds:0} s");
            return false;
        }

        try
        {
            _domain.Defer(static () => { });
            _log.Violation($"{_name}: Defer after Dispose did not throw ObjectDisposedException");
        }
        catch (ObjectDisposedException)
        {
        }

        // Dispose completes every pending SynchronizeAsync, so these need no more than a moment (one shared budget).
        long deadline = Environment.TickCount64 + 2_000;
        for (int i = 0; i < _waitCount; i++)
            CheckWait(_waits[i]!, TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64)));

        // Dispose runs every pending callback: whatever was accepted before it must have run by now.
        _callbacks.CheckNonePending();
        _retired.CheckDisposals(0);
        _failures.Check(_domain.GetStatistics());
        return true;
    }

    private void Race()
    {
        while (!_stop)
        {
            Interlocked.Increment(ref _calls);
            try
            {
                switch (_random.Next(12))
                {
                    case 0:
                        if (_random.Next(2) == 0)
                            _domain.Synchronize();
                        else
                            _domain.Barrier(); // a marker queued as the callback thread stops must still be run
                        break;
                    case 1:
                        if (_waitCount < MaxWaits)
                        {
                            // The call first: when it throws, no slot may be taken.
                            Task wait = _domain.SynchronizeAsync().AsTask();
                            _waits[_waitCount++] = wait;
                        }
                        break;
                    case 2:
                        _domain.StartGracePeriodPoll();
                        break;
                    case 3:
                        _domain.Expedite();
                        break;
                    case 4:
                        SoakValue value = _retired.Create(-1, 0);
                        _domain.Retire(value);
                        _retired.NoteStored();
                        break;
                    default:
                        _callbacks.TryDefer(_domain, _random);
                        break;
                }
            }
            catch (ObjectDisposedException)
            {
                return; // the domain is gone: the contract's other outcome
            }
            catch (Exception ex)
            {
                _log.Violation($"{_name}: a domain call racing Dispose threw {ex.GetType().Name}: {ex.Message}");
                return;
            }
        }
    }

    private void CheckWait(Task wait, TimeSpan timeout)
    {
        try
        {
            if (!wait.Wait(timeout))
                _log.Violation($"{_name}: a SynchronizeAsync started while Dispose ran had not completed 2 s after Dispose returned");
        }
        catch (AggregateException ex) when (ex.InnerException is ObjectDisposedException)
        {
        }
        catch (AggregateException ex)
        {
            _log.Violation($"{_name}: a SynchronizeAsync racing Dispose failed with {ex.InnerException?.GetType().Name}: {ex.InnerException?.Message}");
        }
    }
}
