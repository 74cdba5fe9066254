namespace RcuCollections.Benchmarks.Engines;

/// <summary>
/// The small surface every RCU engine offers the benchmarks, so each scenario runs unchanged on the pre-patch
/// port (<see cref="Baselines.LegacyRcu.LegacyRcuDomain"/>) and on the real engine (<see cref="RcuDomainEngine"/>).
/// </summary>
/// <remarks>
/// Scenarios call through this interface on both engines, so both pay the same dispatch cost; the direct,
/// dispatch-free read-side figures come from the BenchmarkDotNet suite and the engine quick suite.
/// </remarks>
public interface IRcuEngine : IDisposable
{
    /// <summary>Gets a short name for tables, for example "legacy" or "FQS".</summary>
    string Name { get; }

    /// <summary>Gets the read-side fence flavour in use.</summary>
    RcuReadFlavor ReadFlavor { get; }

    /// <summary>Enters a read-side section; dispose the guard to leave it. Sections nest.</summary>
    /// <returns>The guard.</returns>
    EngineReadGuard ReadLock();

    /// <summary>
    /// Runs <paramref name="count"/> empty outermost read sections back to back (rcutorture's rperf loop). The loop
    /// is inside the engine, so its cost per section excludes the interface dispatch of <see cref="ReadLock"/>.
    /// </summary>
    /// <param name="count">Sections to run.</param>
    void ReadPairs(int count);

    /// <summary>Gets whether the grace-period side asked the calling thread to leave its section (false where the engine has no such flag).</summary>
    bool ForceRequested { get; }

    /// <summary>Registers the calling thread's force callback (QEMU's force_rcu notifier).</summary>
    /// <param name="callback">Runs on the grace-period side; must not block.</param>
    /// <returns>Dispose to unregister.</returns>
    IDisposable RegisterForceCallback(Action callback);

    /// <summary>Waits for a grace period (synchronize_rcu).</summary>
    void Synchronize();

    /// <summary>Runs <paramref name="callback"/> once after a grace period, on the engine's callback thread (call_rcu).</summary>
    /// <param name="callback">The callback.</param>
    void Defer(Action callback);

    /// <summary>Returns once every callback deferred before the call has run (drain_call_rcu).</summary>
    void Barrier();

    /// <summary>Gets whether <see cref="Expedite"/> is supported (the pre-patch engine has no force_rcu()).</summary>
    bool SupportsExpedite { get; }

    /// <summary>Drives the current or next grace period into the forced state at once (force_rcu()).</summary>
    /// <exception cref="NotSupportedException">The engine has no such operation.</exception>
    void Expedite();

    /// <summary>Returns a snapshot of the engine's counters; counters it does not keep are null.</summary>
    /// <returns>The counters.</returns>
    EngineCounters GetCounters();
}
