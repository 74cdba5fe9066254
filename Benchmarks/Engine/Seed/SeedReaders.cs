using System.Runtime.CompilerServices;
using RcuCollections.Benchmarks.Engines;
using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine.Seed;

/// <summary>
/// The reader thread bodies of the seed claims (docs/design/rcu-algorithms.md §5). Each registers with the engine
/// (enters one section), calls <see cref="BackgroundThreadControl.Ready"/>, then runs until the group stops.
/// </summary>
public static class SeedReaders
{
    /// <summary>Starts <paramref name="count"/> readers running <paramref name="body"/> on <paramref name="engine"/>.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="count">Reader threads.</param>
    /// <param name="body">The body (one of this class's methods).</param>
    /// <returns>The running group; dispose (or stop) it before disposing the engine.</returns>
    public static BackgroundThreadGroup Start(IRcuEngine engine, int count, Action<IRcuEngine, BackgroundThreadControl> body)
    {
        var group = new BackgroundThreadGroup(count, "seed-reader", control => body(engine, control));
        group.Start(TimeSpan.FromSeconds(10));
        return group;
    }

    /// <summary>Registered, then idle outside any section (B1: readers idle).</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="control">The thread's control.</param>
    public static void Idle(IRcuEngine engine, BackgroundThreadControl control)
    {
        using (engine.ReadLock())
        {
        }
        control.Ready();
        control.WaitForStop();
    }

    /// <summary>Returns a body running sections of about <paramref name="sectionLength"/> back to back; the counter counts sections.</summary>
    /// <param name="sectionLength">Busy time inside each section (spin).</param>
    /// <returns>The body.</returns>
    public static Action<IRcuEngine, BackgroundThreadControl> ShortSections(TimeSpan sectionLength)
    {
        int spins = SpinCalibration.IterationsFor(sectionLength);
        return (engine, control) =>
        {
            // A force callback that only raises a flag the section polls: no semantic side effect (the lesson of the
            // revert), and it lets B7 count force callbacks on both engines.
            var kicked = new StrongBox<int>();
            using IDisposable registration = engine.RegisterForceCallback(() => Volatile.Write(ref kicked.Value, 1));
            control.Ready();
            long sections = 0;
            while (!control.StopRequested)
            {
                using (engine.ReadLock())
                {
                    Thread.SpinWait(spins);
                }
                Volatile.Write(ref kicked.Value, 0);
                if ((++sections & 63) == 0)
                    control.Add(64);
            }
        };
    }

    /// <summary>
    /// The rperf pattern (docs/design/rcu-algorithms.md §6): batches of 1000 empty sections back to back; the counter
    /// counts sections, and the thread publishes its CPU time after each batch.
    /// </summary>
    /// <param name="engine">The engine.</param>
    /// <param name="control">The thread's control.</param>
    public static void ReadPairs(IRcuEngine engine, BackgroundThreadControl control)
    {
        engine.ReadPairs(1);
        control.Ready();
        while (!control.StopRequested)
        {
            engine.ReadPairs(1000);
            control.Add(1000);
            control.PublishCpuTime(); // ~0.1 µs next to 1000 sections
        }
    }

    /// <summary>
    /// The F1 reproducer (B3): enter a section and spin until the force callback raises the flag (or the
    /// driver releases the reader with <paramref name="release"/>), leave, re-enter at once. The counter counts exits.
    /// </summary>
    /// <param name="release">While non-zero, the reader leaves each section at once (the driver unsticks a timed-out engine).</param>
    /// <returns>The body.</returns>
    public static Action<IRcuEngine, BackgroundThreadControl> SpinUntilForced(StrongBox<int> release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return (engine, control) =>
        {
            var kicked = new StrongBox<int>();
            using IDisposable registration = engine.RegisterForceCallback(() => Volatile.Write(ref kicked.Value, 1));
            control.Ready();
            while (!control.StopRequested)
            {
                using (engine.ReadLock())
                {
                    // Acquire loads: pair with the force callback's (GP side) and the driver's volatile writes.
                    while (Volatile.Read(ref kicked.Value) == 0 && Volatile.Read(ref release.Value) == 0 && !control.StopRequested)
                        Thread.SpinWait(8);
                    Volatile.Write(ref kicked.Value, 0);
                }
                control.Add(1);
            }
        };
    }
}
