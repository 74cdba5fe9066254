using RcuCollections.Benchmarks.Baselines.LegacyRcu;

namespace RcuCollections.Tests.Benchmarks;

/// <summary>The B3 reader for tests: spins inside a section until its force callback fires, leaves, re-enters at once.</summary>
internal sealed class SpinningReader : IDisposable
{
    private readonly Thread _thread;
    private int _kicked;
    private int _stop;

    private SpinningReader(LegacyRcuDomain domain)
    {
        using var ready = new ManualResetEventSlim();
        _thread = new Thread(() =>
        {
            using IDisposable registration = domain.RegisterForceCallback(() => Volatile.Write(ref _kicked, 1));
            domain.ReadLockCore();
            ready.Set();
            while (true)
            {
                while (Volatile.Read(ref _kicked) == 0 && Volatile.Read(ref _stop) == 0)
                    Thread.SpinWait(16);
                Volatile.Write(ref _kicked, 0);
                domain.ReadUnlock();
                if (Volatile.Read(ref _stop) != 0)
                    return;
                domain.ReadLockCore();
            }
        })
        { IsBackground = true };
        _thread.Start();
        ready.Wait();
    }

    /// <summary>Starts the reader and returns once it is inside its first section.</summary>
    public static SpinningReader Start(LegacyRcuDomain domain) => new(domain);

    /// <summary>Makes the reader leave its section for good and waits for it.</summary>
    public void Stop()
    {
        Volatile.Write(ref _stop, 1);
        _thread.Join();
    }

    public void Dispose() => Stop();
}
