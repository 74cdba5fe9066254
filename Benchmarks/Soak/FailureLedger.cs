namespace RcuCollections.Benchmarks.Soak;

/// <summary>
/// Counts, for one domain, the exceptions the soak's user code threw on the domain's threads (deferred callbacks,
/// force callbacks, retired values' Dispose, owners' release, the stall handler) against those the domain reported
/// through <see cref="RcuDomain.CallbackFailed"/>. Its own handler throws now and then too: the domain must count
/// that in <see cref="RcuStatistics.CallbackFailures"/> and carry on.
/// </summary>
public sealed class FailureLedger
{
    private const int HandlerThrowsOneIn = 5;

    private readonly SoakLog _log;
    private readonly string _name;
    private long _thrown;
    private long _observed;
    private long _events;
    private long _handlerThrows;
    private Mismatch _reportedVersusThrown;
    private Mismatch _statisticsVersusEvents;

    /// <summary>Creates a ledger and subscribes it to <paramref name="domain"/>'s failure and stall events.</summary>
    /// <param name="domain">The domain.</param>
    /// <param name="log">The verdict log.</param>
    /// <param name="name">The world's name, for messages.</param>
    public FailureLedger(RcuDomain domain, SoakLog log, string name)
    {
        ArgumentNullException.ThrowIfNull(domain);
        _log = log;
        _name = name;
        domain.CallbackFailed += OnCallbackFailed;
        domain.ReaderStalled += OnReaderStalled;
    }

    /// <summary>Gets the injected exceptions thrown so far.</summary>
    public long Thrown => Interlocked.Read(ref _thrown);

    /// <summary>Records that user code is about to throw an injected exception on a domain thread.</summary>
    public void NoteThrown() => Interlocked.Increment(ref _thrown);

    /// <summary>
    /// At a quiescent point after Barrier (or after Dispose): every injected exception was reported exactly once, and
    /// the domain's failure count is the events plus the handler's own throws.
    /// </summary>
    /// <param name="statistics">The domain's counters, read after the Barrier.</param>
    public void Check(RcuStatistics statistics)
    {
        _reportedVersusThrown.Check(_log, Interlocked.Read(ref _thrown), Interlocked.Read(ref _observed),
            $"{_name}: injected exceptions reported through CallbackFailed (expected: thrown)");
        _statisticsVersusEvents.Check(_log, Interlocked.Read(ref _events) + Interlocked.Read(ref _handlerThrows), statistics.CallbackFailures,
            $"{_name}: RcuStatistics.CallbackFailures (expected: CallbackFailed events + handler throws)");
    }

    private void OnCallbackFailed(object? sender, RcuCallbackFailedEventArgs e)
    {
        long events = Interlocked.Increment(ref _events);
        int injected = SoakInjectedException.CountIn(e.Exception);
        if (injected == 0)
            _log.Violation($"{_name}: a callback failed with a real exception: {e.Exception.GetType().Name}: {e.Exception.Message}");
        Interlocked.Add(ref _observed, injected);
        if (events % HandlerThrowsOneIn == 0)
        {
            Interlocked.Increment(ref _handlerThrows);
            throw new SoakInjectedException("CallbackFailed handler");
        }
    }

    private void OnReaderStalled(object? sender, RcuReaderStalledEventArgs e)
    {
        // A listener that throws: the domain reports it through CallbackFailed like a failing callback.
        NoteThrown();
        throw new SoakInjectedException("ReaderStalled handler");
    }
}
