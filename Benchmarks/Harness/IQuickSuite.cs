namespace RcuCollections.Benchmarks.Harness;

/// <summary>
/// A component's contribution to the <c>quick</c> headline table. Implementations are discovered by
/// reflection (any non-abstract class in the benchmark assembly with a public parameterless constructor),
/// so a component adds its rows by adding one class under <c>Benchmarks/Quick/</c>; nothing else changes.
/// </summary>
/// <remarks>
/// A suite measures each headline figure and its baseline in the same run (interleaved where it can),
/// because this machine's figures drift over minutes; a ratio against a number from another run is
/// meaningless. The whole <c>quick</c> command must stay under two minutes on two cores, so a suite
/// budgets its work from <see cref="QuickSuiteContext.MeasurementDuration"/> and
/// <see cref="QuickSuiteContext.Runs"/> rather than choosing its own durations.
/// </remarks>
public interface IQuickSuite
{
    /// <summary>Gets the component the rows belong to (first column of the table), for example "Engine".</summary>
    string Component { get; }

    /// <summary>
    /// Gets the position of this suite in the table; lower comes first. Suites with equal order are sorted
    /// by <see cref="Component"/>.
    /// </summary>
    int Order => 0;

    /// <summary>
    /// Runs the suite and returns its rows. In smoke mode (<see cref="QuickSuiteContext.IsSmoke"/>) it must
    /// exercise every code path with tiny durations and still return its rows (their values mean nothing).
    /// </summary>
    /// <param name="context">Durations, repetitions, the smoke flag, progress and cancellation.</param>
    /// <returns>The rows, in the order they should appear.</returns>
    IReadOnlyList<QuickRow> Run(QuickSuiteContext context);
}
