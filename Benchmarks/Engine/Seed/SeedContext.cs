using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine.Seed;

/// <summary>The parameters every seed claim runs with.</summary>
public sealed class SeedContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="readers">Reader threads per experiment.</param>
    /// <param name="samples">Samples per latency experiment.</param>
    /// <param name="window">Measuring window of the throughput and loop experiments (B5, B6, B7).</param>
    /// <param name="isSmoke">Whether this is a smoke run (tiny sizes, nothing judged).</param>
    /// <param name="progress">The status line.</param>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    public SeedContext(int readers, int samples, TimeSpan window, bool isSmoke, ProgressReporter progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(readers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        ArgumentNullException.ThrowIfNull(progress);
        Readers = readers;
        Samples = samples;
        Window = window;
        IsSmoke = isSmoke;
        Progress = progress;
        CancellationToken = cancellationToken;
    }

    /// <summary>Gets the number of reader threads.</summary>
    public int Readers { get; }

    /// <summary>Gets the samples per latency experiment.</summary>
    public int Samples { get; }

    /// <summary>Gets the measuring window of loop experiments.</summary>
    public TimeSpan Window { get; }

    /// <summary>Gets whether this is a smoke run.</summary>
    public bool IsSmoke { get; }

    /// <summary>Gets the status line.</summary>
    public ProgressReporter Progress { get; }

    /// <summary>Gets the cancellation token.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Picks a duration by mode.</summary>
    /// <param name="normal">In a real run.</param>
    /// <param name="smoke">In a smoke run.</param>
    /// <returns>The duration.</returns>
    public TimeSpan Pick(TimeSpan normal, TimeSpan smoke) => IsSmoke ? smoke : normal;

    /// <summary>Picks a count by mode.</summary>
    /// <param name="normal">In a real run.</param>
    /// <param name="smoke">In a smoke run.</param>
    /// <returns>The count.</returns>
    public int Pick(int normal, int smoke) => IsSmoke ? smoke : normal;
}
