using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace RcuCollections.Tests.Hostile;

/// <summary>
/// Bounded concurrency for the hostile suite: every thread a test starts is joined with a timeout, so a hang fails the
/// test instead of the run, and the first failure of any thread is rethrown on the test thread.
/// </summary>
public static class Hammer
{
    /// <summary>How long any single join or wait may take before the test fails as a hang.</summary>
    public static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs <paramref name="bodies"/> on their own threads until <paramref name="duration"/> has passed; each body is
    /// called repeatedly with its iteration number and must return quickly. Joins them (bounded) and rethrows the first failure.
    /// </summary>
    /// <returns>The total number of iterations run.</returns>
    public static long Run(TimeSpan duration, params Action<int>[] bodies)
    {
        long iterations = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var failures = new ExceptionDispatchInfo?[bodies.Length];
        var failed = 0;
        var threads = new Thread[bodies.Length];
        for (int t = 0; t < bodies.Length; t++)
        {
            int index = t;
            threads[t] = new Thread(() =>
            {
                int i = 0;
                try
                {
                    // At least one iteration per body even on a starved machine; Volatile.Read of failed stops the others early.
                    do
                    {
                        bodies[index](i++);
                    }
                    while (Stopwatch.GetTimestamp() < deadline && Volatile.Read(ref failed) == 0);
                }
                catch (Exception e)
                {
                    failures[index] = ExceptionDispatchInfo.Capture(e);
                    Volatile.Write(ref failed, 1);
                }
                Interlocked.Add(ref iterations, i);
            })
            { IsBackground = true, Name = $"hammer {t}" };
        }
        foreach (Thread thread in threads) thread.Start();
        foreach (Thread thread in threads)
        {
            if (!thread.Join(duration + HangTimeout))
                throw new TimeoutException($"Hammer thread '{thread.Name}' did not finish within {(duration + HangTimeout).TotalSeconds:0} s: it hangs.");
        }
        foreach (ExceptionDispatchInfo? failure in failures) failure?.Throw();
        return Interlocked.Read(ref iterations);
    }

    /// <summary>
    /// Runs <paramref name="action"/> on a fresh thread (one that never used any domain) and returns what it returned or
    /// threw; fails the test if it does not finish within <see cref="HangTimeout"/> (or <paramref name="timeout"/>).
    /// </summary>
    public static Exception? OnFreshThread(Action action, TimeSpan? timeout = null)
    {
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                error = e;
            }
        })
        { IsBackground = true, Name = "hostile fresh thread" };
        thread.Start();
        TimeSpan limit = timeout ?? HangTimeout;
        if (!thread.Join(limit)) throw new TimeoutException($"The call did not return within {limit.TotalSeconds:0.#} s: it hangs.");
        return error;
    }

    /// <summary>Asserts that <paramref name="action"/> finishes (on a fresh thread) within the hang timeout, and rethrows what it threw.</summary>
    public static void Bounded(Action action, TimeSpan? timeout = null)
    {
        Exception? error = OnFreshThread(action, timeout);
        if (error is not null) ExceptionDispatchInfo.Capture(error).Throw();
    }

    /// <summary>Asserts that <paramref name="e"/> is null or an <see cref="ObjectDisposedException"/>.</summary>
    public static void NoneOrDisposed(Exception? e, string what)
    {
        if (e is not null and not ObjectDisposedException)
            throw new Xunit.Sdk.XunitException($"{what}: expected success or ObjectDisposedException, got {e}");
    }

    /// <summary>Asserts a Count property (xunit's analyzer wants collection assertions, which would enumerate instead).</summary>
    public static void CountIs(int expected, int actual, string what = "Count")
    {
        if (expected != actual) throw new Xunit.Sdk.XunitException($"{what}: expected {expected}, got {actual}");
    }

    /// <summary>Asserts that <paramref name="call"/> throws exactly <typeparamref name="TException"/> naming <paramref name="paramName"/>.</summary>
    public static TException Param<TException>(string paramName, Action call)
        where TException : ArgumentException
    {
        TException e = Assert.Throws<TException>(call);
        Assert.Equal(paramName, e.ParamName);
        return e;
    }
}
