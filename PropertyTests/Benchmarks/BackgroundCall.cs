using System.Runtime.ExceptionServices;

namespace RcuCollections.Tests.Benchmarks;

/// <summary>Runs a blocking call on a dedicated thread so a test can check, with a timeout, whether it has returned.</summary>
internal sealed class BackgroundCall : IDisposable
{
    private readonly ManualResetEventSlim _done = new();
    private Exception? _error;

    private BackgroundCall(Action action)
    {
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                _error = ex;
            }
            finally
            {
                _done.Set();
            }
        })
        { IsBackground = true };
        thread.Start();
    }

    public static BackgroundCall Start(Action action) => new(action);

    /// <summary>Waits for the call; rethrows its exception if it threw.</summary>
    public bool Wait(TimeSpan timeout)
    {
        if (!_done.Wait(timeout))
            return false;
        if (_error is not null)
            ExceptionDispatchInfo.Capture(_error).Throw();
        return true;
    }

    public void Dispose() => _done.Dispose();
}
