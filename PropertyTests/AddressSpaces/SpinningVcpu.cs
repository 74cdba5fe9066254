using RcuCollections.AddressSpaces;

namespace RcuCollections.Tests.AddressSpaces;

/// <summary>
/// A TCG-like vCPU thread (docs/design/address-space-rendering.md §4): it translates an address inside one read section
/// and then spins there, as a guest busy-waiting for the unmap reply would, until its force callback fires (MTTCG's
/// kick); then it leaves, re-enters at once, translates again and spins again. It never reports a quiescent state on
/// its own.
/// </summary>
internal sealed class SpinningVcpu : IDisposable
{
    private readonly RcuDomain _domain;
    private readonly AddressSpace _space;
    private readonly ulong _address;
    private readonly MemoryRegion _watched;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _holding = new();
    private int _kicked;
    private int _stop;
    private int _holdsWatched;
    private long _kicks;

    public SpinningVcpu(RcuDomain domain, AddressSpace space, ulong address, MemoryRegion watched)
    {
        _domain = domain;
        _space = space;
        _address = address;
        _watched = watched;
        _thread = new Thread(Run) { IsBackground = true, Name = "spinning vCPU" };
        _thread.Start();
    }

    /// <summary>True while the vCPU is inside a section in which it translated into the watched region.</summary>
    public bool HoldsWatchedTranslation => Volatile.Read(ref _holdsWatched) != 0;

    /// <summary>How many times the force callback kicked the vCPU out of its section.</summary>
    public long Kicks => Interlocked.Read(ref _kicks);

    /// <summary>Waits until the vCPU spins in a section holding a translation into the watched region.</summary>
    public bool WaitHolding(TimeSpan timeout) => _holding.Wait(timeout);

    public void Dispose()
    {
        Volatile.Write(ref _stop, 1);
        _thread.Join();
        _holding.Dispose();
    }

    private void Run()
    {
        using IDisposable registration = _domain.RegisterForceCallback(() =>
        {
            // Runs on the grace-period side: only set a flag, like async_run_on_cpu(do_nothing).
            Volatile.Write(ref _kicked, 1);
        });
        while (Volatile.Read(ref _stop) == 0)
        {
            using (_domain.ReadLock())
            {
                TranslationResult translation = _space.Translate(_address);
                bool holds = ReferenceEquals(translation.Region, _watched);
                Volatile.Write(ref _holdsWatched, holds ? 1 : 0);
                if (holds)
                {
                    _holding.Set();
                }

                while (Volatile.Read(ref _kicked) == 0 && Volatile.Read(ref _stop) == 0)
                {
                    Thread.SpinWait(64);
                }

                // The translation is dropped before the section ends.
                Volatile.Write(ref _holdsWatched, 0);
            }

            if (Interlocked.Exchange(ref _kicked, 0) != 0)
            {
                Interlocked.Increment(ref _kicks);
            }
        }
    }
}
