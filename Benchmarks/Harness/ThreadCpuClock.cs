using System.Runtime.InteropServices;

namespace RcuCollections.Benchmarks.Harness;

/// <summary>
/// The calling thread's CPU time (Linux/macOS: clock_gettime(CLOCK_THREAD_CPUTIME_ID); Windows: GetThreadTimes).
/// On a shared machine a single-threaded micro-measurement timed by the wall clock also counts the time the thread
/// was descheduled; its CPU time does not, so ratios of cheap operations stay meaningful under load.
/// </summary>
public static partial class ThreadCpuClock
{
    private const int LinuxThreadCpuTimeId = 3;   // CLOCK_THREAD_CPUTIME_ID on Linux
    private const int MacThreadCpuTimeId = 16;    // CLOCK_THREAD_CPUTIME_ID on macOS

    private static readonly bool s_available = Probe();

    /// <summary>Gets whether the thread CPU clock works on this OS (otherwise callers fall back to the wall clock).</summary>
    public static bool IsAvailable => s_available;

    /// <summary>Returns the calling thread's CPU time in nanoseconds, or −1 when unavailable.</summary>
    /// <returns>Nanoseconds of CPU time consumed by this thread.</returns>
    public static long NowNanoseconds()
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                IntPtr thread = GetCurrentThread();
                // FILETIME values in 100 ns units: kernel + user time.
                return GetThreadTimes(thread, out _, out _, out long kernel, out long user) ? (kernel + user) * 100 : -1;
            }
            int clock = OperatingSystem.IsMacOS() ? MacThreadCpuTimeId : LinuxThreadCpuTimeId;
            return clock_gettime(clock, out TimeSpec ts) == 0 ? ts.Seconds * 1_000_000_000 + ts.Nanoseconds : -1;
        }
        catch (DllNotFoundException)
        {
            return -1;
        }
        catch (EntryPointNotFoundException)
        {
            return -1;
        }
    }

    private static bool Probe() => NowNanoseconds() >= 0;

    [LibraryImport("libc", SetLastError = false)]
    private static partial int clock_gettime(int clockId, out TimeSpec time);

    [LibraryImport("kernel32.dll")]
    private static partial IntPtr GetCurrentThread();

    [LibraryImport("kernel32.dll")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetThreadTimes(IntPtr thread, out long creation, out long exit, out long kernel, out long user);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
