namespace RcuCollections.Benchmarks.Soak;

/// <summary>How long the soak runs and how often it checks, samples and replaces a generation.</summary>
public sealed record SoakSettings
{
    /// <summary>Gets the default run length (the <c>soak</c> command without options).</summary>
    public static TimeSpan DefaultDuration => TimeSpan.FromMinutes(1);

    /// <summary>Gets the run length.</summary>
    public TimeSpan Duration { get; init; } = DefaultDuration;

    /// <summary>Gets the interval of the heap samples and progress lines (10 s: the verdict rule is stated in these).</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets the interval between two generation turnovers (the generational domain and its collections torn down and
    /// rebuilt). Short runs get at least three turnovers, so a few seconds still exercise the teardown path.
    /// </summary>
    public TimeSpan GenerationInterval => Duration < TimeSpan.FromSeconds(12) ? Duration / 3 : TimeSpan.FromSeconds(3);

    /// <summary>Gets how long any wait may take before it counts as a hang (a violation that ends the run).</summary>
    public TimeSpan HangTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the reader slots: each starts short-lived reader threads, one after another.</summary>
    public int ReaderSlots { get; init; } = 3;

    /// <summary>Gets the writer slots (collection writes).</summary>
    public int WriterSlots { get; init; } = 2;

    /// <summary>Gets the domain slots (grace periods, callbacks, cancellations, Barrier, Expedite).</summary>
    public int DomainSlots { get; init; } = 1;

    /// <summary>Gets the seed of the workers' random streams (the interleaving is not reproducible anyway).</summary>
    public int Seed { get; init; } = 20261128;

    /// <summary>Gets how many violations and lost callbacks are printed in full (at most three of a kind); the rest are only counted.</summary>
    public int MaxPrinted { get; init; } = 40;
}
