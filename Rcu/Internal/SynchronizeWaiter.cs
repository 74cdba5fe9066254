using System.Threading.Tasks.Sources;

namespace RcuCollections.Internal;

/// <summary>
/// The pending result of <see cref="RcuDomain.SynchronizeAsync"/>: completed by the callback thread once the
/// grace period with number <see cref="Target"/> has ended, or by cancellation.
/// </summary>
internal sealed class SynchronizeWaiter : IValueTaskSource
{
    private ManualResetValueTaskSourceCore<bool> _core;
    private readonly RcuDomain _domain;
    private readonly ManualResetEventSlim _done = new(false);
    private CancellationTokenRegistration _cancellation;
    private int _completed; // 0 pending, 1 completed: exactly one completion wins

    public SynchronizeWaiter(RcuDomain domain, long target)
    {
        _domain = domain;
        Target = target;
        // Continuations must never run on the callback thread: they could call Barrier or block it.
        _core.RunContinuationsAsynchronously = true;
    }

    public long Target { get; }

    public ValueTask AsValueTask() => new(this, _core.Version);

    public void AttachCancellation(CancellationToken token)
    {
        if (token.CanBeCanceled)
            _cancellation = token.UnsafeRegister(static (s, t) => ((SynchronizeWaiter)s!).TryComplete(new OperationCanceledException(t)), this);
    }

    public bool IsCompleted => Volatile.Read(ref _completed) != 0;

    public bool TryComplete(Exception? error = null)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0) return false;
        _cancellation.Dispose();
        if (error is null) _core.SetResult(true);
        else _core.SetException(error);
        _done.Set();
        return true;
    }

    public void GetResult(short token)
    {
        if (_core.GetStatus(token) == ValueTaskSourceStatus.Pending)
        {
            // A blocking wait (sync-over-async). Inside a read section of this domain it could never end (the grace
            // period waits for this very thread), nor on the callback thread (which drives it) or the grace-period thread.
            if (_domain.CannotWaitHere)
                throw new InvalidOperationException("Waiting for SynchronizeAsync inside a read-side section, a callback or a grace-period handler of the same domain would deadlock.");
            _done.Wait();
        }
        _core.GetResult(token);
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
