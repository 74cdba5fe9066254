using System.Runtime.ExceptionServices;

namespace RcuCollections.Tests.Dictionary;

/// <summary>A dedicated background thread whose exception is rethrown by <see cref="Join"/> (tests must not block on tasks).</summary>
internal sealed class Worker
{
    private readonly Thread _thread;
    private ExceptionDispatchInfo? _failure;

    public Worker(Action body)
    {
        _thread = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception e)
            {
                _failure = ExceptionDispatchInfo.Capture(e);
            }
        })
        { IsBackground = true };
        _thread.Start();
    }

    /// <summary>Waits up to <paramref name="timeout"/>; false if the thread is still running (a hang), else rethrows its failure.</summary>
    public bool TryJoin(TimeSpan timeout)
    {
        if (!_thread.Join(timeout)) return false;
        _failure?.Throw();
        return true;
    }

    /// <summary>Waits (bounded) for the thread and rethrows its failure.</summary>
    public void Join()
    {
        Assert.True(_thread.Join(TimeSpan.FromSeconds(120)), "a worker thread hung");
        _failure?.Throw();
    }
}

/// <summary>Helpers to start and join <see cref="Worker"/>s.</summary>
internal static class Workers
{
    public static Worker Start(Action body) => new(body);

    public static void JoinAll(params Worker[] workers)
    {
        foreach (Worker worker in workers) worker.Join();
    }
}
