namespace RcuCollections;

/// <summary>A point-in-time snapshot of an <see cref="RcuDomain"/>'s counters.</summary>
/// <param name="GracePeriods">Grace periods completed.</param>
/// <param name="ForcedGracePeriods">Grace periods that entered the forced state.</param>
/// <param name="CallbacksPending">Callbacks deferred and not yet invoked.</param>
/// <param name="CallbacksInvoked">Callbacks invoked (successfully or not).</param>
/// <param name="ForceCallbacksInvoked">Force callbacks (per-thread notifiers) invoked.</param>
/// <param name="CallbackFailures">Callbacks and force callbacks that threw.</param>
/// <param name="SlowPathExits">Outermost read-side exits that found the waiting flag set and signalled the grace-period side.</param>
/// <param name="ProcessWideBarriers">Process-wide (or, in the full-fence flavour, ordinary) grace-period-side fences issued.</param>
/// <param name="RegisteredReaders">Reader threads currently registered.</param>
/// <param name="ReadersPruned">Reader records removed because their thread had exited.</param>
/// <param name="ReadersDiedInSection">Threads found dead while still inside a read section (reported, never waited for).</param>
/// <param name="StallWarnings">Times <see cref="RcuDomain.ReaderStalled"/> was raised.</param>
/// <param name="BackPressureWaits">Times <see cref="RcuDomain.Defer(Action)"/> blocked because too many callbacks were pending.</param>
public readonly record struct RcuStatistics(
    long GracePeriods,
    long ForcedGracePeriods,
    long CallbacksPending,
    long CallbacksInvoked,
    long ForceCallbacksInvoked,
    long CallbackFailures,
    long SlowPathExits,
    long ProcessWideBarriers,
    long RegisteredReaders,
    long ReadersPruned,
    long ReadersDiedInSection,
    long StallWarnings,
    long BackPressureWaits);
