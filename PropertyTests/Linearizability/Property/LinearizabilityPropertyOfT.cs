using FsCheck;
using FsCheck.Fluent;

namespace RcuCollections.Linearizability;

/// <summary>
/// A linearizability property of a concurrent object: FsCheck generates small concurrent scenarios (an init part,
/// 2-4 threads of 3-8 operations, a post part), each scenario runs many times on fresh objects with its threads released
/// together, every run is recorded and checked against the model, and a failing scenario is shrunk and reported as a
/// table with the seed that regenerates it. Create one with <see cref="LinearizabilityProperty.Create"/>.
/// </summary>
/// <typeparam name="TObject">The object under test.</typeparam>
/// <typeparam name="TState">The model state.</typeparam>
/// <typeparam name="TInput">An operation and its arguments.</typeparam>
/// <typeparam name="TOutput">What an operation returns.</typeparam>
public sealed class LinearizabilityProperty<TObject, TState, TInput, TOutput>
{
    /// <summary>Creates a property.</summary>
    /// <param name="factory">Creates a fresh object under test (once per run; disposed after the run when <see cref="IDisposable"/>).</param>
    /// <param name="operations">Generates operations. Keep the key range small (contention finds bugs) and let
    /// <see cref="MakeUnique"/> make values unique (unique values keep the check near-linear).</param>
    /// <param name="execute">Performs an operation on the object and returns what it observed; runs on several threads at once.</param>
    /// <param name="model">The sequential specification.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public LinearizabilityProperty(Func<TObject> factory, Gen<TInput> operations, Func<TObject, TInput, TOutput> execute, IModel<TState, TInput, TOutput> model)
    {
        Factory = factory ?? throw new ArgumentNullException(nameof(factory));
        Operations = operations ?? throw new ArgumentNullException(nameof(operations));
        Execute = execute ?? throw new ArgumentNullException(nameof(execute));
        Model = model ?? throw new ArgumentNullException(nameof(model));
    }

    /// <summary>Creates a fresh object under test.</summary>
    public Func<TObject> Factory { get; }

    /// <summary>Generates the operations of the parallel part (and of the other parts unless they have their own).</summary>
    public Gen<TInput> Operations { get; }

    /// <summary>Performs one operation.</summary>
    public Func<TObject, TInput, TOutput> Execute { get; }

    /// <summary>The sequential specification.</summary>
    public IModel<TState, TInput, TOutput> Model { get; }

    /// <summary>Generates the init part's operations (for example, only inserts); defaults to <see cref="Operations"/>.</summary>
    public Gen<TInput>? PrefixOperations { get; init; }

    /// <summary>Generates the post part's operations (for example, reads that drain the object); defaults to <see cref="Operations"/>.</summary>
    public Gen<TInput>? SuffixOperations { get; init; }

    /// <summary>
    /// Gives each generated operation a unique value: called with the operation and its position (1, 2, ...) in the
    /// scenario; for example <c>(op, i) =&gt; op with { Value = i }</c>. Shrinking only removes operations, so values stay unique.
    /// </summary>
    public Func<TInput, int, TInput>? MakeUnique { get; init; }

    /// <summary>Runs the property and returns the report (it does not throw on failure).</summary>
    /// <param name="options">The knobs; <see langword="null"/> for <see cref="LinearizabilityTestOptions.Default"/>.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public LinearizabilityReport Run(LinearizabilityTestOptions? options = null)
    {
        options ??= LinearizabilityTestOptions.Default;
        options.Validate();
        (ulong Seed, ulong Gamma) replay = options.Replay ?? ((ulong)Random.Shared.NextInt64(), (ulong)Random.Shared.NextInt64() | 1);

        using var session = new PropertySession<TObject, TState, TInput, TOutput>(this, options);
        Arbitrary<ConcurrentScenario<TInput>> scenarios = Arb.From(
            ScenarioShapes.Generator(Operations, PrefixOperations ?? Operations, SuffixOperations ?? Operations, MakeUnique, options),
            session.Shrink);
        Property property = Prop.ForAll(scenarios, session.Evaluate);
        Config config = Config.QuickThrowOnFailure
            .WithMaxTest(options.Scenarios)
            .WithQuietOnSuccess(true)
            .WithReplay(replay.Seed, replay.Gamma);

        string? fsCheckMessage = null;
        try
        {
            FsCheck.Check.One(config, property);
        }
        catch (Exception exception)
        {
            // QuickThrowOnFailure reports a falsified property as an exception whose message has FsCheck's summary.
            fsCheckMessage = exception.Message;
        }

        return session.BuildReport(replay, fsCheckMessage);
    }

    /// <summary>Runs the property and throws when it fails.</summary>
    /// <param name="options">The knobs; <see langword="null"/> for <see cref="LinearizabilityTestOptions.Default"/>.</param>
    /// <returns>The report of the passing property.</returns>
    /// <exception cref="LinearizabilityException">The property failed; the message is the full report.</exception>
    public LinearizabilityReport Check(LinearizabilityTestOptions? options = null)
    {
        LinearizabilityReport report = Run(options);
        report.ThrowIfFailed();
        return report;
    }
}
