namespace RcuCollections.Internal;

/// <summary>
/// The marker <see cref="RcuDomain.BarrierAsync"/> queues: when it runs (FIFO), every callback deferred before it has
/// run. It completes a task instead of setting an event, and ends the forcing its Barrier asked for.
/// </summary>
internal sealed class AsyncBarrierMarker(RcuDomain domain) : RcuCallback
{
    private readonly TaskCompletionSource _ran = new(TaskCreationOptions.RunContinuationsAsynchronously); // never on the callback thread

    public Task Completion => _ran.Task;

    protected override void Invoke()
    {
        domain.EndForcingWait();
        _ran.TrySetResult();
    }
}
