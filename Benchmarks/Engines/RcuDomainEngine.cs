namespace RcuCollections.Benchmarks.Engines;

/// <summary>The real engine (FQS grace periods) behind <see cref="IRcuEngine"/>: an adapter over <see cref="RcuDomain"/>.</summary>
public sealed class RcuDomainEngine : IRcuEngine
{
    private readonly RcuDomain _domain;
    private readonly bool _ownsDomain;

    /// <summary>Creates an engine over a new instance domain.</summary>
    /// <param name="options">The domain's options; null for the defaults.</param>
    public RcuDomainEngine(RcuOptions? options = null)
        : this(new RcuDomain(options), ownsDomain: true)
    {
    }

    /// <summary>Creates an engine over an existing domain (for example <see cref="RcuDomain.Default"/>).</summary>
    /// <param name="domain">The domain.</param>
    /// <param name="ownsDomain">Whether <see cref="Dispose"/> disposes it.</param>
    public RcuDomainEngine(RcuDomain domain, bool ownsDomain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        _domain = domain;
        _ownsDomain = ownsDomain;
    }

    /// <summary>Gets the wrapped domain.</summary>
    public RcuDomain Domain => _domain;

    /// <inheritdoc />
    public string Name => "FQS";

    /// <inheritdoc />
    public RcuReadFlavor ReadFlavor => _domain.Options.ReadFlavor;

    /// <inheritdoc />
    public bool ForceRequested => _domain.ForceRequested;

    /// <inheritdoc />
    public bool SupportsExpedite => true;

    /// <inheritdoc />
    public EngineReadGuard ReadLock() => new(_domain.ReadLock());

    /// <inheritdoc />
    public void ReadPairs(int count)
    {
        RcuDomain domain = _domain;
        for (int i = 0; i < count; i++)
        {
            using RcuReadGuard guard = domain.ReadLock();
        }
    }

    /// <inheritdoc />
    public IDisposable RegisterForceCallback(Action callback) => _domain.RegisterForceCallback(callback);

    /// <inheritdoc />
    public void Synchronize() => _domain.Synchronize();

    /// <inheritdoc />
    public void Defer(Action callback) => _domain.Defer(callback);

    /// <inheritdoc />
    public void Barrier() => _domain.Barrier();

    /// <inheritdoc />
    public void Expedite() => _domain.Expedite();

    /// <inheritdoc />
    public EngineCounters GetCounters()
    {
        RcuStatistics s = _domain.GetStatistics();
        // The engine keeps no count of event-wait wakeups on the grace-period side: reported as not counted.
        return new EngineCounters(s.GracePeriods, s.ForcedGracePeriods, s.CallbacksInvoked, s.CallbacksPending,
            s.ForceCallbacksInvoked, s.SlowPathExits, s.ProcessWideBarriers, WriterWakeups: null);
    }

    /// <summary>Disposes the domain if this engine owns it.</summary>
    public void Dispose()
    {
        if (_ownsDomain)
            _domain.Dispose();
    }
}
