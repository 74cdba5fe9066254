namespace RcuCollections.Tests.Support;

/// <summary>
/// A background thread that enters one read section, optionally runs <c>inside</c> there, and stays until disposed (or
/// at most a minute): a reader that never reacts to forcing, which cleans up even when the check using it fails.
/// Dispose lets it leave its section and waits for its thread.
/// </summary>
public sealed class HeldReader : IDisposable
{
    private readonly ManualResetEventSlim _inSection = new();
    private readonly ManualResetEventSlim _leave = new();
    private readonly Thread _thread;
    private Exception? _failure;

    public HeldReader(RcuDomain domain, Action? inside = null)
    {
        _thread = new Thread(() =>
        {
            using (domain.ReadLock())
            {
                try
                {
                    inside?.Invoke();
                }
                catch (Exception e)
                {
                    _failure = e;
                }
                _inSection.Set();
                _leave.Wait(TimeSpan.FromMinutes(1));
            }
        })
        { IsBackground = true, Name = "held reader" };
        _thread.Start();
        if (!_inSection.Wait(TimeSpan.FromSeconds(10))) throw new TimeoutException("The held reader did not enter its section.");
        if (_failure is not null) throw new InvalidOperationException("The held reader failed inside its section.", _failure);
    }

    public void Dispose()
    {
        _leave.Set();
        _thread.Join();
        _inSection.Dispose();
        _leave.Dispose();
    }
}
