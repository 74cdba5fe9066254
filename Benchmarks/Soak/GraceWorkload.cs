namespace RcuCollections.Benchmarks.Soak;

/// <summary>
/// The domain's own API under load: Defer (both overloads, some callbacks throwing), Retire, Synchronize,
/// SynchronizeAsync (plain, with a token cancelled before the call, and with one cancelled while it waits), polled
/// grace periods, Barrier and Expedite. Every wait is bounded: a SynchronizeAsync or a poll that does not finish in
/// time is a violation; a blocking call that never returns is caught by the worker slot's join timeout.
/// </summary>
public sealed class GraceWorkload
{
    private static readonly CancellationToken s_cancelled = new(canceled: true);

    private readonly RcuDomain _domain;
    private readonly SoakLog _log;
    private readonly string _name;
    private readonly TimeSpan _timeout;
    private long _cancelledWaits;

    /// <summary>Creates the workload.</summary>
    /// <param name="domain">The world's domain.</param>
    /// <param name="callbacks">The world's callback nodes.</param>
    /// <param name="retired">The ledger of values handed to <see cref="RcuDomain.Retire"/>.</param>
    /// <param name="log">The verdict log.</param>
    /// <param name="world">The world's name.</param>
    /// <param name="timeout">How long an asynchronous wait may take.</param>
    public GraceWorkload(RcuDomain domain, CallbackPool callbacks, ValueLedger retired, SoakLog log, string world, TimeSpan timeout)
    {
        _domain = domain;
        Callbacks = callbacks;
        Retired = retired;
        _log = log;
        _name = world + "/domain";
        _timeout = timeout;
        Retention = new RetentionProbe(log, _name);
    }

    /// <summary>Gets the probe of retired values that should have been collected.</summary>
    public RetentionProbe Retention { get; }

    /// <summary>Gets the callback nodes deferred on the domain.</summary>
    public CallbackPool Callbacks { get; }

    /// <summary>Gets the ledger of retired values.</summary>
    public ValueLedger Retired { get; }

    /// <summary>Gets how many SynchronizeAsync calls ended cancelled (for the summary).</summary>
    public long CancelledWaits => Interlocked.Read(ref _cancelledWaits);

    /// <summary>One step: mostly callbacks, sometimes a grace-period wait of some kind.</summary>
    /// <param name="random">The worker's random stream.</param>
    /// <returns>Operations done.</returns>
    public int Step(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        switch (random.Next(40))
        {
            case 0:
                _domain.Synchronize();
                return 1;
            case 1:
                SynchronizeCancelledBefore();
                return 1;
            case 2:
            case 3:
                SynchronizeCancelledWhileWaiting(random);
                return 1;
            case 4:
                AwaitBounded(_domain.SynchronizeAsync(), "SynchronizeAsync", cancellable: false);
                return 1;
            case 5:
                Poll();
                return 1;
            case 6:
                _domain.Barrier();
                return 1;
            case 7:
            case 8:
                _domain.Expedite();
                return 1;
            case 9:
            case 10:
                SoakValue value = Retired.Create(-1, 0);
                _domain.Retire(value);
                Retired.NoteStored();
                Retention.NoteRetired(value);
                return 1;
            default:
                Callbacks.TryDefer(_domain, random);
                return 1;
        }
    }

    private void SynchronizeCancelledBefore()
    {
        ValueTask wait = _domain.SynchronizeAsync(s_cancelled);
        if (!wait.IsCanceled)
        {
            _log.Violation($"{_name}: SynchronizeAsync with an already cancelled token did not return a cancelled task");
            AwaitBounded(wait, "SynchronizeAsync (token cancelled before the call)", cancellable: true);
        }
        else
        {
            Interlocked.Increment(ref _cancelledWaits);
        }
    }

    private void SynchronizeCancelledWhileWaiting(Random random)
    {
        using var source = new CancellationTokenSource();
        ValueTask wait = _domain.SynchronizeAsync(source.Token);
        if (random.Next(2) == 0)
            Thread.SpinWait(random.Next(2_000));
        else
            Thread.Sleep(random.Next(3));
        source.Cancel();
        AwaitBounded(wait, "SynchronizeAsync (token cancelled while waiting)", cancellable: true);
    }

    private void Poll()
    {
        RcuGracePeriodCookie cookie = _domain.StartGracePeriodPoll();
        long deadline = Environment.TickCount64 + (long)_timeout.TotalMilliseconds;
        while (!_domain.IsGracePeriodCompleted(cookie))
        {
            if (Environment.TickCount64 > deadline)
            {
                _log.Violation($"{_name}: a polled grace period (StartGracePeriodPoll) did not complete within {_timeout.TotalSeconds:0} s");
                return;
            }
            Thread.Sleep(1);
        }
    }

    /// <summary>Waits for an asynchronous grace period with a timeout; it must succeed, or end cancelled when it may.</summary>
    private void AwaitBounded(ValueTask wait, string what, bool cancellable)
    {
        if (wait.IsCompletedSuccessfully)
            return;
        Task task = wait.AsTask();
        try
        {
            if (!task.Wait(_timeout))
                _log.Violation($"{_name}: {what} did not complete within {_timeout.TotalSeconds:0} s");
        }
        catch (AggregateException ex) when (cancellable && ex.InnerException is OperationCanceledException)
        {
            Interlocked.Increment(ref _cancelledWaits);
        }
        catch (AggregateException ex)
        {
            _log.Violation($"{_name}: {what} failed with {ex.InnerException?.GetType().Name}: {ex.InnerException?.Message}");
        }
    }
}
