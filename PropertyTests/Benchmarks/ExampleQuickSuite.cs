using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Tests.Benchmarks;

/// <summary>
/// The shape of a component's quick suite (docs/benchmarks/harness.md shows it). A real one lives in
/// Benchmarks/Quick/, where <c>quick</c> discovers it; this copy is compiled and run by the tests.
/// </summary>
public sealed class ExampleQuickSuite : IQuickSuite
{
    public string Component => "Example";

    public IReadOnlyList<QuickRow> Run(QuickSuiteContext context)
    {
        var measurement = new InterleavedMeasurement();
        measurement.Add("mine", d => Time(new IncrementOperation(), d));
        measurement.Add("baseline", d => Time(new InterlockedIncrementOperation(), d));
        var ns = measurement.Run(context.MeasurementDuration, context.Runs, context.Progress, context.CancellationToken);
        double mine = ns["mine"].Median, baseline = ns["baseline"].Median;
        return
        [
            new QuickRow(Component, "plain increment", mine, "ns", "Interlocked.Increment", baseline,
                LowerIsBetter: true, Target: "≥ 2x")
            { TargetMet = context.IsSmoke ? null : baseline / mine >= 2 },
        ];
    }

    private static double Time<T>(T operation, TimeSpan duration) where T : struct, IBatchOperation =>
        OperationTimer.NanosecondsPerOperation(ref operation, duration);
}
