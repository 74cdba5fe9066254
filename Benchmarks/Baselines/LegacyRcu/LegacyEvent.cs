namespace RcuCollections.Benchmarks.Baselines.LegacyRcu;

/// <summary>
/// A port of QEMU's QemuEvent (docs/design/rcu-algorithms.md §4.6, futex variant): a manual-reset event whose
/// <see cref="Set"/> costs one fence and one load when it is already set, and whose waiters sleep on a futex, here a
/// monitor. States: SET = 0, FREE = 1, BUSY = −1 (a waiter may be sleeping). Usage contract: reset, check the
/// condition, then wait.
/// </summary>
public sealed class LegacyEvent
{
    private const int StateSet = 0;
    private const int StateFree = 1;
    private const int StateBusy = -1;

    private readonly object _futex = new();
    private int _value;
    private long _wakes;

    /// <summary>Creates the event.</summary>
    /// <param name="initiallySet">Whether it starts SET (QEMU's rcu_gp_event does) or FREE.</param>
    public LegacyEvent(bool initiallySet) => _value = initiallySet ? StateSet : StateFree;

    /// <summary>Gets how many times <see cref="Set"/> found a sleeping waiter and woke it (a futex wake).</summary>
    public long Wakes => Volatile.Read(ref _wakes);

    /// <summary>Gets whether the event is set.</summary>
    public bool IsSet => Volatile.Read(ref _value) == StateSet;

    /// <summary>Sets the event, waking every waiter if one may be sleeping.</summary>
    public void Set()
    {
        // Full fence (QEMU: smp_mb): whatever the caller stored before (a reader's Ctr = 0) is visible before the
        // waiter can observe SET. Pairs with the fence in Reset and the acquire load in Wait.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _value) != StateSet)
        {
            if (Interlocked.Exchange(ref _value, StateSet) == StateBusy)
            {
                Interlocked.Increment(ref _wakes);
                // futex_wake(all). Taking the monitor orders this after a waiter's "value still BUSY" check:
                // the waiter checks and sleeps under the same monitor, so the pulse cannot fall between them.
                lock (_futex)
                    Monitor.PulseAll(_futex);
            }
        }
    }

    /// <summary>Resets the event: SET becomes FREE; FREE and BUSY stay (so a sleeping waiter is never forgotten).</summary>
    public void Reset()
    {
        // Atomic OR with 1; Interlocked.Or is a full fence, which also stands for QEMU's smp_mb after the OR
        // (it orders the reset before the caller's following condition check).
        Interlocked.Or(ref _value, StateFree);
    }

    /// <summary>Waits until the event is set (returns at once if it is).</summary>
    public void Wait()
    {
        while (true)
        {
            int value = Volatile.Read(ref _value); // acquire: pairs with Set's exchange
            if (value == StateSet)
                return;
            if (value == StateFree && Interlocked.CompareExchange(ref _value, StateBusy, StateFree) == StateSet)
                return;
            // futex_wait(&value, BUSY): sleep only while the value is still BUSY.
            lock (_futex)
            {
                while (Volatile.Read(ref _value) == StateBusy)
                    Monitor.Wait(_futex);
            }
        }
    }
}
