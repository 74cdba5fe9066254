namespace RcuCollections.Benchmarks.Engines;

/// <summary>
/// Counters common to both engines, for the seed claims (B5, B7). A null counter is one the engine does not keep;
/// tables print it as "not counted".
/// </summary>
/// <param name="GracePeriods">Grace periods completed.</param>
/// <param name="ForcedGracePeriods">Grace periods that entered the forced state (the legacy engine never forces: 0).</param>
/// <param name="CallbacksInvoked">Deferred callbacks run.</param>
/// <param name="CallbacksPending">Deferred callbacks not yet run.</param>
/// <param name="ForceCallbacksInvoked">Force callbacks (notifiers) run.</param>
/// <param name="SlowPathExits">Outermost read-side exits that found the waiting flag set and signalled the grace-period side.</param>
/// <param name="GlobalBarriers">Grace-period-side smp_mb_global() calls: process-wide barriers in the asymmetric flavour, full fences in the full-fence flavour.</param>
/// <param name="WriterWakeups">Times the grace-period side woke from an event wait on the readers' signal.</param>
public readonly record struct EngineCounters(
    long GracePeriods,
    long ForcedGracePeriods,
    long CallbacksInvoked,
    long CallbacksPending,
    long ForceCallbacksInvoked,
    long? SlowPathExits,
    long? GlobalBarriers,
    long? WriterWakeups)
{
    /// <summary>Returns the change from <paramref name="before"/> to <paramref name="after"/> (pending is taken from <paramref name="after"/>).</summary>
    /// <param name="after">The later snapshot.</param>
    /// <param name="before">The earlier snapshot.</param>
    /// <returns>The difference.</returns>
    public static EngineCounters operator -(EngineCounters after, EngineCounters before) => new(
        after.GracePeriods - before.GracePeriods,
        after.ForcedGracePeriods - before.ForcedGracePeriods,
        after.CallbacksInvoked - before.CallbacksInvoked,
        after.CallbacksPending,
        after.ForceCallbacksInvoked - before.ForceCallbacksInvoked,
        after.SlowPathExits - before.SlowPathExits,
        after.GlobalBarriers - before.GlobalBarriers,
        after.WriterWakeups - before.WriterWakeups);
}
