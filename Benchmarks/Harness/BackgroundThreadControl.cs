namespace RcuCollections.Benchmarks.Harness;

/// <summary>What a <see cref="BackgroundThreadGroup"/> body uses: its index, the start barrier, the stop flag and its counter.</summary>
public sealed class BackgroundThreadControl
{
    private readonly BackgroundThreadGroup.Shared _shared;
    private bool _ready;

    internal BackgroundThreadControl(int index, BackgroundThreadGroup.Shared shared)
    {
        Index = index;
        _shared = shared;
    }

    /// <summary>Gets this thread's index in the group.</summary>
    public int Index { get; }

    /// <summary>Gets whether the group asked the threads to stop (one acquire load).</summary>
    public bool StopRequested => Volatile.Read(ref _shared.StopFlag) != 0;   // pairs with Stop's Volatile.Write

    /// <summary>Signals that this thread is set up, then waits until every thread is and the group releases them.</summary>
    public void Ready()
    {
        if (_ready)
            return;
        _ready = true;
        _shared.ReadyCount.Signal();
        _shared.Go.Wait();
    }

    /// <summary>Adds to this thread's counter (owner-only writes, so no interlocked instruction).</summary>
    /// <param name="amount">The amount.</param>
    public void Add(long amount)
    {
        ref long counter = ref _shared.Counters[Index].Value;
        Volatile.Write(ref counter, counter + amount);   // release: pairs with TotalCount's Volatile.Read
    }

    /// <summary>
    /// Publishes this thread's CPU time so far (<see cref="ThreadCpuClock"/>), so a driver can turn counts into CPU
    /// time per operation, which a loaded machine does not inflate the way it inflates wall-clock time.
    /// </summary>
    public void PublishCpuTime()
    {
        long now = ThreadCpuClock.NowNanoseconds();
        if (now >= 0)
            Volatile.Write(ref _shared.CpuTimes[Index].Value, now);   // release: pairs with TotalCpuNanoseconds
    }

    /// <summary>Sleeps until the group stops (for idle threads that only need to exist).</summary>
    public void WaitForStop() => _shared.Stopping.Wait();
}
