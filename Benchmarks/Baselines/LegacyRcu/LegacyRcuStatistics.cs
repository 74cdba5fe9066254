namespace RcuCollections.Benchmarks.Baselines.LegacyRcu;

/// <summary>Counters of the pre-patch engine port (instrumentation for the seed claims; QEMU keeps none of these).</summary>
/// <param name="GracePeriods">synchronize_rcu calls that advanced the counter and waited for the readers.</param>
/// <param name="WaitIterations">Iterations of wait_for_readers (each sets waiting flags, resets the event and scans).</param>
/// <param name="WriterSleeps">Times the writer, after a scan, released the registry lock to wait on rcu_gp_event.</param>
/// <param name="WriterWakeups">Returns from the writer's wait on rcu_gp_event.</param>
/// <param name="SlowPathExits">Outermost unlocks that found waiting set and set the event.</param>
/// <param name="EventWakes">Event sets that found a sleeping waiter (futex wakes).</param>
/// <param name="GlobalBarriers">smp_mb_global calls.</param>
/// <param name="ForceCallbacksInvoked">force_rcu notifiers run (only while a drain is active).</param>
/// <param name="CallbacksInvoked">call_rcu callbacks run.</param>
/// <param name="CallbacksPending">call_rcu callbacks not yet run.</param>
/// <param name="CallbackFailures">Callbacks that threw.</param>
/// <param name="Batches">Batches processed by the call_rcu thread.</param>
/// <param name="BatchSleeps">10 ms sleeps of the call_rcu thread.</param>
/// <param name="ReadersPruned">Records of exited threads dropped by the writer (a port adaptation: QEMU has explicit unregistration).</param>
public readonly record struct LegacyRcuStatistics(
    long GracePeriods,
    long WaitIterations,
    long WriterSleeps,
    long WriterWakeups,
    long SlowPathExits,
    long EventWakes,
    long GlobalBarriers,
    long ForceCallbacksInvoked,
    long CallbacksInvoked,
    long CallbacksPending,
    long CallbackFailures,
    long Batches,
    long BatchSleeps,
    long ReadersPruned);
