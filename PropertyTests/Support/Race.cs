using System.Diagnostics;
using System.Runtime.InteropServices;

namespace RcuCollections.Tests.Support;

/// <summary>
/// Runs two actions against each other many times, each on its own thread pinned to its own CPU (where the OS
/// lets us) and released at one shared clock instant. On two cores a window of a few instructions between two
/// threads shows up within hundreds of trials this way; two threads merely started one after the other almost
/// never overlap, because starting a thread costs far more than the window.
/// </summary>
/// <remarks>
/// Each trial: both threads spin until <see cref="Stopwatch.GetTimestamp"/> passes a release instant set a little
/// in the future, then run their action. A per-trial jitter of a few hundred cycles on one side sweeps the relative
/// start across the window. Exceptions thrown by either action are collected per trial and handed to the caller's
/// <c>check</c>; a trial whose threads do not finish within <c>hangTimeout</c> fails the run as a hang.
/// </remarks>
public static class Race
{
    /// <summary>What one trial's two sides did.</summary>
    /// <param name="Trial">The trial's index.</param>
    /// <param name="First">The exception the first action threw, if any.</param>
    /// <param name="Second">The exception the second action threw, if any.</param>
    public readonly record struct Outcome(int Trial, Exception? First, Exception? Second);

    /// <summary>
    /// Runs <paramref name="trials"/> trials. <paramref name="setup"/> builds a fresh state per trial (on the calling
    /// thread), <paramref name="first"/> and <paramref name="second"/> race on it, and <paramref name="check"/> runs on the
    /// calling thread after both finished (it asserts).
    /// </summary>
    public static void Run<TState>(
        int trials,
        Func<int, TState> setup,
        Action<TState> first,
        Action<TState> second,
        Action<TState, Outcome> check,
        TimeSpan? hangTimeout = null)
    {
        TimeSpan timeout = hangTimeout ?? TimeSpan.FromSeconds(10);
        using var side0 = new Side(cpu: 0);
        using var side1 = new Side(cpu: 1);
        var random = new Random(12345);
        for (int trial = 0; trial < trials; trial++)
        {
            TState state = setup(trial);
            long release = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 2000; // 0.5 ms ahead: both sides are spinning by then
            int jitter = random.Next(0, 400);
            side0.Start(() => first(state), release, jitter: 0);
            side1.Start(() => second(state), release, jitter);
            if (!side0.Wait(timeout) || !side1.Wait(timeout))
            {
                throw new TimeoutException($"Race trial {trial} did not finish within {timeout.TotalSeconds:0.#} s: one side hangs.");
            }
            check(state, new Outcome(trial, side0.Error, side1.Error));
        }
    }

    /// <summary>Pins the calling thread to <paramref name="cpu"/> (modulo the CPU count). Best effort: false where unsupported.</summary>
    public static bool PinCurrentThread(int cpu)
    {
        if (!OperatingSystem.IsLinux()) return false;
        ulong mask = 1UL << (cpu % Math.Min(64, Environment.ProcessorCount));
        try
        {
            return sched_setaffinity(0, (nint)sizeof(ulong), ref mask) == 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int sched_setaffinity(int pid, nint cpusetsize, ref ulong mask);

    /// <summary>One long-lived pinned thread that runs one action per trial.</summary>
    private sealed class Side : IDisposable
    {
        private readonly Thread _thread;
        private readonly SemaphoreSlim _go = new(0);
        private readonly ManualResetEventSlim _done = new(false);
        private Action? _action;
        private long _release;
        private int _jitter;
        private volatile bool _stop;

        public Side(int cpu)
        {
            _thread = new Thread(() =>
            {
                PinCurrentThread(cpu);
                while (true)
                {
                    _go.Wait();
                    if (_stop) return;
                    while (Stopwatch.GetTimestamp() < _release) Thread.SpinWait(1);
                    Thread.SpinWait(_jitter);
                    try
                    {
                        _action!();
                    }
                    catch (Exception e)
                    {
                        Error = e;
                    }
                    _done.Set();
                }
            })
            {
                IsBackground = true,
                Name = $"race side {cpu}",
            };
            _thread.Start();
        }

        public Exception? Error { get; private set; }

        public void Start(Action action, long release, int jitter)
        {
            _action = action;
            _release = release;
            _jitter = jitter;
            Error = null;
            _done.Reset();
            _go.Release(); // a full fence: the fields above are visible to the side thread
        }

        public bool Wait(TimeSpan timeout) => _done.Wait(timeout);

        public void Dispose()
        {
            _stop = true;
            _go.Release();
            // A side stuck in a hung action is a background thread: it must not keep the test run alive.
            _thread.Join(TimeSpan.FromSeconds(1));
        }
    }
}
