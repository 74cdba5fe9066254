namespace RcuCollections.Internal;

/// <summary>
/// The marker <see cref="RcuDomain.Barrier"/> queues: because callbacks run in FIFO order, when it runs
/// every callback deferred before it has run (QEMU's drain_call_rcu).
/// </summary>
internal sealed class BarrierMarker : RcuCallback, IDisposable
{
    private readonly ManualResetEventSlim _ran = new(false);

    protected override void Invoke() => _ran.Set();

    public void Wait() => _ran.Wait();

    public void Dispose() => _ran.Dispose();
}
