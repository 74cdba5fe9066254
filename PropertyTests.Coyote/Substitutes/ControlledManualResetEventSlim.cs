using Microsoft.Coyote.Runtime;

namespace RcuCollections.CoyoteSubstitutes;

/// <summary>
/// A manual-reset event with the members of <see cref="ManualResetEventSlim"/> that the engine calls, built on
/// <see cref="Monitor"/>, which Coyote controls. Substituted for <see cref="ManualResetEventSlim"/> in the test copy of
/// the engine, so that the callback thread's idle wait, Barrier's wait and the grace period's poll sleeps become
/// scheduling decisions instead of real blocking that Coyote cannot see.
/// </summary>
/// <remarks>
/// <para>An untimed wait blocks on <see cref="Monitor.Wait(object)"/> until <see cref="Set"/> pulses it: Coyote sees the
/// operation blocked, and a wait that nothing can end is reported as a deadlock.</para>
/// <para>A timed wait does not block: it is a scheduling point (<see cref="SchedulingPoint.Yield"/>) after which it
/// returns the event's state. Coyote 1.7.11 cannot model a timeout itself (its controlled
/// <c>Monitor.Wait(object, int)</c> ignores the timeout and waits for a pulse, so a poll sleep that no one interrupts would
/// be reported as a deadlock). "The timeout may fire after any number of other steps" is what a real timed wait allows
/// on a loaded machine, and the scheduler picks that number, so this over-approximates the real timings rather than
/// narrowing them. The engine re-checks its state after every timed wait, as it must with the real type.</para>
/// </remarks>
public sealed class ControlledManualResetEventSlim : IDisposable
{
    private readonly object _gate = new();
    private bool _set;

    /// <summary>Creates an unset event.</summary>
    public ControlledManualResetEventSlim()
    {
    }

    /// <summary>Creates an event in the given state.</summary>
    public ControlledManualResetEventSlim(bool initialState) => _set = initialState;

    /// <summary>Gets whether the event is set.</summary>
    public bool IsSet
    {
        get
        {
            lock (_gate) return _set;
        }
    }

    /// <summary>Sets the event and wakes every waiter.</summary>
    public void Set()
    {
        lock (_gate)
        {
            _set = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Resets the event.</summary>
    public void Reset()
    {
        lock (_gate) _set = false;
    }

    /// <summary>Waits until the event is set.</summary>
    public void Wait()
    {
        lock (_gate)
        {
            while (!_set) Monitor.Wait(_gate);
        }
    }

    /// <summary>Waits until the event is set or the timeout elapses; returns whether it is set.</summary>
    public bool Wait(int millisecondsTimeout)
    {
        if (millisecondsTimeout == Timeout.Infinite)
        {
            Wait();
            return true;
        }
        lock (_gate)
        {
            if (_set || millisecondsTimeout == 0) return _set;
        }
        SchedulingPoint.Yield(); // the other operations run for as long as the scheduler likes: the "sleep"
        lock (_gate) return _set;
    }

    /// <summary>Waits until the event is set or the timeout elapses; returns whether it is set.</summary>
    public bool Wait(TimeSpan timeout) => Wait((int)timeout.TotalMilliseconds);

    /// <summary>Nothing to release.</summary>
    public void Dispose()
    {
    }
}
