using System.Globalization;

namespace RcuCollections.Linearizability;

/// <summary>
/// Knobs of <see cref="LinearizabilityProperty{TObject, TState, TInput, TOutput}"/>: how many scenarios, how big, how many
/// runs each, and the time budgets that keep a property within CI's few seconds. <see cref="FromEnvironment"/> applies
/// <c>RCU_STRESS=1</c> (larger settings) and <c>RCU_LIN_REPLAY=seed,gamma</c> (replay a reported failure).
/// </summary>
public sealed record LinearizabilityTestOptions
{
    /// <summary>The environment variable that selects the stress tier (<c>1</c>).</summary>
    public const string StressVariable = "RCU_STRESS";

    /// <summary>The environment variable that replays a seed: <c>seed,gamma</c> as printed by a failure report.</summary>
    public const string ReplayVariable = "RCU_LIN_REPLAY";

    /// <summary>Scenarios to generate (FsCheck's MaxTest). Default 25.</summary>
    public int Scenarios { get; init; } = 25;

    /// <summary>Times each scenario is run on a fresh object, each run recorded and checked. Default 100.</summary>
    public int RunsPerScenario { get; init; } = 100;

    /// <summary>Fewest threads in the parallel part. Default 2.</summary>
    public int MinThreads { get; init; } = 2;

    /// <summary>Most threads in the parallel part. Default 4.</summary>
    public int MaxThreads { get; init; } = 4;

    /// <summary>Fewest operations per thread. Default 3.</summary>
    public int MinOperationsPerThread { get; init; } = 3;

    /// <summary>Most operations per thread. Default 8.</summary>
    public int MaxOperationsPerThread { get; init; } = 8;

    /// <summary>Most operations in the init part. Default 5.</summary>
    public int MaxPrefixOperations { get; init; } = 5;

    /// <summary>Most operations in the post part. Default 5.</summary>
    public int MaxSuffixOperations { get; init; } = 5;

    /// <summary>
    /// Replays FsCheck's generation from this seed and gamma (the gamma must be odd); <see langword="null"/> draws a fresh
    /// seed, which the report prints. Replaying regenerates the same scenarios; the thread interleavings of each run are
    /// still up to the machine, so a rare failure may need the runs of the stress tier to reappear.
    /// </summary>
    public (ulong Seed, ulong Gamma)? Replay { get; init; }

    /// <summary>
    /// Scenarios that run even when <see cref="TimeBudget"/> has already run out (a slow or busy machine still tests
    /// something). At most <see cref="Scenarios"/>. Default 5.
    /// </summary>
    public int MinScenarios { get; init; } = 5;

    /// <summary>Generation stops starting new scenarios once this much time has passed (after <see cref="MinScenarios"/>). Default 3 s.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Shrinking stops trying smaller scenarios once this much time has passed since it began. Default 3 s.</summary>
    public TimeSpan ShrinkTimeBudget { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// A shrink candidate is run this many times more often than <see cref="RunsPerScenario"/> before it is judged
    /// correct: a smaller scenario usually fails less often. Default 4.
    /// </summary>
    public int ShrinkRunsFactor { get; init; } = 4;

    /// <summary>The checker's timeout for one run's history. Default 5 s.</summary>
    public TimeSpan CheckTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A run that has not finished after this long is reported as a hang (deadlock, livelock). Default 10 s.</summary>
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Each thread spins a random number of iterations, up to this many, after the start gate opens and before its first
    /// operation, so that runs explore different overlaps. Zero starts every thread at once. Default 64.
    /// </summary>
    public int MaxStartJitterSpins { get; init; } = 64;

    /// <summary>Whether a history the checker could not decide within <see cref="CheckTimeout"/> fails the property. Default true.</summary>
    public bool FailOnUnknown { get; init; } = true;

    /// <summary>Whether <c>RCU_STRESS=1</c> is set.</summary>
    public static bool IsStressRun => Environment.GetEnvironmentVariable(StressVariable) == "1";

    /// <summary>The defaults, adjusted by the environment (see <see cref="FromEnvironment"/>).</summary>
    public static LinearizabilityTestOptions Default => new LinearizabilityTestOptions().FromEnvironment();

    /// <summary>
    /// Applies the environment: with <c>RCU_STRESS=1</c>, ten times the scenarios, five times the runs and twenty times
    /// the time budgets; with <c>RCU_LIN_REPLAY=seed,gamma</c>, that replay seed (unless <see cref="Replay"/> is set).
    /// </summary>
    /// <returns>The adjusted options.</returns>
    /// <exception cref="FormatException"><c>RCU_LIN_REPLAY</c> is not two unsigned integers separated by a comma.</exception>
    public LinearizabilityTestOptions FromEnvironment()
    {
        LinearizabilityTestOptions options = this;
        if (IsStressRun)
        {
            options = options with
            {
                Scenarios = Scenarios * 10,
                RunsPerScenario = RunsPerScenario * 5,
                TimeBudget = TimeBudget * 20,
                ShrinkTimeBudget = ShrinkTimeBudget * 20,
            };
        }

        string? replay = Environment.GetEnvironmentVariable(ReplayVariable);
        if (options.Replay is null && !string.IsNullOrWhiteSpace(replay))
        {
            options = options with { Replay = ParseReplay(replay) };
        }

        return options;
    }

    /// <summary>Parses <c>seed,gamma</c> (parentheses and spaces allowed, as FsCheck prints it).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The seed and gamma.</returns>
    /// <exception cref="FormatException">The text is not two unsigned integers, or the gamma is even.</exception>
    public static (ulong Seed, ulong Gamma) ParseReplay(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Trim().Trim('(', ')').Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed)
            || !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong gamma)
            || (gamma & 1) == 0)
        {
            throw new FormatException($"'{text}' is not a replay seed: expected 'seed,gamma' with an odd gamma, e.g. '12345,67891'.");
        }

        return (seed, gamma);
    }

    internal void Validate()
    {
        Positive(Scenarios, nameof(Scenarios));
        Positive(RunsPerScenario, nameof(RunsPerScenario));
        Positive(MinThreads, nameof(MinThreads));
        Positive(MinOperationsPerThread, nameof(MinOperationsPerThread));
        Positive(ShrinkRunsFactor, nameof(ShrinkRunsFactor));
        Range(MinScenarios, 0, nameof(MinScenarios));
        Range(MaxThreads, MinThreads, nameof(MaxThreads));
        Range(MaxOperationsPerThread, MinOperationsPerThread, nameof(MaxOperationsPerThread));
        Range(MaxPrefixOperations, 0, nameof(MaxPrefixOperations));
        Range(MaxSuffixOperations, 0, nameof(MaxSuffixOperations));
        Range(MaxStartJitterSpins, 0, nameof(MaxStartJitterSpins));
        if (Replay is { Gamma: var gamma } && (gamma & 1) == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Replay), Replay, "FsCheck requires an odd gamma.");
        }

        foreach ((TimeSpan value, string name) in new[] { (TimeBudget, nameof(TimeBudget)), (ShrinkTimeBudget, nameof(ShrinkTimeBudget)), (CheckTimeout, nameof(CheckTimeout)), (RunTimeout, nameof(RunTimeout)) })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
            }
        }
    }

    private static void Positive(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1.");
        }
    }

    private static void Range(int value, int minimum, string name)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {minimum}.");
        }
    }
}
