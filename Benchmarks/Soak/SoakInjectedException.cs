namespace RcuCollections.Benchmarks.Soak;

/// <summary>
/// Thrown on purpose by the soak's user code (callbacks, comparers, Dispose methods, listeners, edits), so that a
/// failure reported by the library can be told apart from a real one.
/// </summary>
public sealed class SoakInjectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SoakInjectedException()
        : base("Injected by the soak.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Where it was thrown.</param>
    public SoakInjectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Where it was thrown.</param>
    /// <param name="innerException">Unused; here for the standard constructor set.</param>
    public SoakInjectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Counts the injected exceptions in <paramref name="exception"/> (an aggregate may carry several).</summary>
    /// <param name="exception">A reported failure.</param>
    /// <returns>The number of injected exceptions; 0 when it is a real failure.</returns>
    public static int CountIn(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is SoakInjectedException)
            return 1;
        if (exception is AggregateException aggregate)
        {
            int count = 0;
            foreach (Exception inner in aggregate.InnerExceptions)
            {
                int injected = CountIn(inner);
                if (injected == 0)
                    return 0; // one real failure makes the whole report real
                count += injected;
            }
            return count;
        }
        return 0;
    }
}
