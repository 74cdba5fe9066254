namespace RcuCollections.Benchmarks.Harness;

/// <summary>
/// What a <see cref="IQuickSuite"/> is given: how long to measure, how often to repeat, whether this is
/// only a smoke run, and where to report progress.
/// </summary>
public sealed class QuickSuiteContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="measurementDuration">The measuring window of one repetition of one variant.</param>
    /// <param name="runs">How many interleaved repetitions to take of each variant (the median is reported).</param>
    /// <param name="isSmoke">Whether this is a smoke run that only proves the code runs.</param>
    /// <param name="progress">Where to report sub-steps; never null.</param>
    /// <param name="cancellationToken">Cancelled when the user presses Ctrl+C.</param>
    public QuickSuiteContext(TimeSpan measurementDuration, int runs, bool isSmoke, ProgressReporter progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(measurementDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        ArgumentNullException.ThrowIfNull(progress);
        MeasurementDuration = measurementDuration;
        Runs = runs;
        IsSmoke = isSmoke;
        Progress = progress;
        CancellationToken = cancellationToken;
    }

    /// <summary>Gets the measuring window of one repetition of one variant.</summary>
    public TimeSpan MeasurementDuration { get; }

    /// <summary>Gets the number of interleaved repetitions per variant.</summary>
    public int Runs { get; }

    /// <summary>Gets whether this is a smoke run: exercise every path, measure nothing meaningful.</summary>
    public bool IsSmoke { get; }

    /// <summary>Gets the progress reporter (the status line on a terminal).</summary>
    public ProgressReporter Progress { get; }

    /// <summary>Gets the token that is cancelled when the run is interrupted.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// Gets a sample count scaled for the mode: <paramref name="normal"/> in a real run, at most
    /// <paramref name="smoke"/> in a smoke run.
    /// </summary>
    /// <param name="normal">The count for a real run.</param>
    /// <param name="smoke">The count for a smoke run.</param>
    /// <returns>The count to use.</returns>
    public int Samples(int normal, int smoke = 1) => IsSmoke ? Math.Min(normal, smoke) : normal;
}
