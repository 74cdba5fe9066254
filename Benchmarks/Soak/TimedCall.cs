namespace RcuCollections.Benchmarks.Soak;

/// <summary>
/// Runs a blocking call (Barrier, Dispose, ...) on a thread of its own and waits for it with a timeout, so that a
/// library hang becomes a reported violation instead of a soak that never ends. A timed-out thread is abandoned
/// (it is a background thread, so it does not keep the process alive).
/// </summary>
public static class TimedCall
{
    /// <summary>Runs <paramref name="action"/> and waits at most <paramref name="timeout"/>.</summary>
    /// <param name="action">The call.</param>
    /// <param name="timeout">How long it may take.</param>
    /// <param name="error">The exception it threw, if any.</param>
    /// <returns>False when it did not finish in time.</returns>
    public static bool Run(Action action, TimeSpan timeout, out Exception? error)
    {
        ArgumentNullException.ThrowIfNull(action);
        var call = new Call(action);
        var thread = new Thread(call.Execute) { IsBackground = true, Name = "soak timed call" };
        thread.Start();
        bool finished = thread.Join(timeout);
        error = finished ? call.Error : null;
        return finished;
    }

    /// <summary>
    /// Runs <paramref name="action"/> like <see cref="Run"/> and reports a hang or an unexpected exception to
    /// <paramref name="log"/> (either ends the run).
    /// </summary>
    /// <param name="log">The verdict log.</param>
    /// <param name="action">The call.</param>
    /// <param name="timeout">How long it may take.</param>
    /// <param name="what">The call, for messages.</param>
    /// <returns>True when it finished without throwing.</returns>
    public static bool RunChecked(SoakLog log, Action action, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (!Run(action, timeout, out Exception? error))
        {
            log.Hang($"{what} did not return within {timeout.TotalSeconds:0} s");
            return false;
        }
        if (error is not null)
        {
            // Barrier or Dispose failing leaves the world in an unknown state: the run ends here.
            log.Abort($"{what} threw {error.GetType().Name}: {error.Message}");
            return false;
        }
        return true;
    }

    private sealed class Call(Action action)
    {
        public Exception? Error { get; private set; }

        public void Execute()
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                Error = ex;
            }
        }
    }
}
