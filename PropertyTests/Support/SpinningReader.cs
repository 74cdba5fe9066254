namespace RcuCollections.Tests.Support;

/// <summary>
/// The "busy vCPU" of the seed (B3): a thread that enters one read section and spins in it until its force
/// callback fires (or, in <see cref="ExitMode.ForceRequested"/> mode, until it sees
/// <see cref="RcuDomain.ForceRequested"/>), then leaves and re-enters at once. Without forcing it never leaves.
/// </summary>
public sealed class SpinningReader : IDisposable
{
    /// <summary>How the reader learns it should leave its section.</summary>
    public enum ExitMode
    {
        /// <summary>A registered force callback sets a flag the spin loop watches.</summary>
        ForceCallback,

        /// <summary>The spin loop polls <see cref="RcuDomain.ForceRequested"/> and calls <see cref="RcuDomain.Quiescent"/>.</summary>
        ForceRequested,

        /// <summary>Never leaves until stopped (a truly stuck reader).</summary>
        Never,
    }

    private readonly RcuDomain _domain;
    private readonly ExitMode _mode;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _inSection = new(false);
    private volatile bool _kicked;
    private volatile bool _stop;
    private long _kicks;

    /// <summary>Starts the reader and waits until it is inside its first section.</summary>
    public SpinningReader(RcuDomain domain, ExitMode mode = ExitMode.ForceCallback)
    {
        _domain = domain;
        _mode = mode;
        _thread = new Thread(Run) { IsBackground = true, Name = "spinning reader" };
        _thread.Start();
        if (!_inSection.Wait(TimeSpan.FromSeconds(10))) throw new TimeoutException("The spinning reader did not start.");
    }

    /// <summary>Gets how many times the reader was made to leave (force callbacks or ForceRequested seen).</summary>
    public long Kicks => Interlocked.Read(ref _kicks);

    private void Run()
    {
        using IDisposable registration = _domain.RegisterForceCallback(() => _kicked = true);
        while (!_stop)
        {
            using (_domain.ReadLock())
            {
                _inSection.Set();
                while (!_stop)
                {
                    if (_mode == ExitMode.ForceCallback && _kicked)
                    {
                        _kicked = false;
                        Interlocked.Increment(ref _kicks);
                        break; // leave the section, re-enter at once
                    }
                    if (_mode == ExitMode.ForceRequested && _domain.ForceRequested)
                    {
                        Interlocked.Increment(ref _kicks);
                        _domain.Quiescent();
                    }
                    Thread.SpinWait(20);
                }
            }
        }
    }

    /// <summary>Stops the reader and joins it.</summary>
    public void Dispose()
    {
        _stop = true;
        _thread.Join();
        _inSection.Dispose();
    }
}
