namespace RcuCollections.Benchmarks.Harness;

/// <summary>
/// Runs the sweeps of the <c>scaling</c> command: for each group of cases, mix and thread count, the group's cases
/// are measured in interleaved repetitions (case A run 1, case B run 1, case A run 2, ...) so that the cases drawn
/// on one chart were measured side by side in time.
/// </summary>
public static class ScalingRunner
{
    /// <summary>Runs every selected case of <paramref name="cases"/> over the sweep of <paramref name="settings"/>.</summary>
    /// <param name="cases">All known cases; the settings' filter selects among them.</param>
    /// <param name="settings">The sweep.</param>
    /// <param name="progress">The status line.</param>
    /// <param name="cancellationToken">Stops between runs.</param>
    /// <returns>One result per case, mix and thread count.</returns>
    public static IReadOnlyList<ScalingPointResult> Run(
        IReadOnlyList<IScalingCase> cases, ScalingSettings settings, ProgressReporter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);

        var groups = cases.Where(c => settings.Filter.Matches(c.Name)).GroupBy(c => c.Group).ToList();
        var plan = new List<(IGrouping<string, IScalingCase> Group, double Mix, int Threads)>();
        foreach (var group in groups)
        {
            foreach (double mix in settings.WriteFractions)
            {
                if (mix > 0 && !group.Any(c => c.SupportsWrites))
                    continue;
                foreach (int threads in settings.Threads)
                    plan.Add((group, mix, threads));
            }
        }
        progress.AddSteps(plan.Count);

        var results = new List<ScalingPointResult>();
        foreach ((IGrouping<string, IScalingCase> group, double mix, int threads) in plan)
        {
            IScalingCase[] members = [.. group.Where(c => mix == 0 || c.SupportsWrites)];
            var parameters = new ScalingParameters(threads, mix);
            progress.BeginStep($"{group.Key}, {parameters.MixLabel}, {threads} thread(s)");
            var rates = members.ToDictionary(c => c.Name, _ => new List<double>());
            var allocations = members.ToDictionary(c => c.Name, _ => new List<double>());
            var latencies = members.ToDictionary(c => c.Name, _ => new LatencyHistogram());
            for (int run = 1; run <= settings.Runs; run++)
            {
                foreach (IScalingCase scalingCase in members)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress.Detail($"{scalingCase.Name} run {run}/{settings.Runs}");
                    // Start every run from a collected heap so one run's garbage does not bill the next.
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    using IScalingWorkload workload = scalingCase.CreateWorkload(parameters);
                    MeasuredRunResult result = MeasuredThreadGroup.Run(
                        workload, threads, scalingCase.OperationsPerBatch, settings.Run, cancellationToken);
                    rates[scalingCase.Name].Add(result.OperationsPerSecond);
                    allocations[scalingCase.Name].Add(result.AllocatedBytesPerOperation);
                    latencies[scalingCase.Name].Merge(result.Latency);
                }
            }
            foreach (IScalingCase scalingCase in members)
            {
                results.Add(new ScalingPointResult(
                    scalingCase.Name, group.Key, threads, mix,
                    RunStatistics.Of(rates[scalingCase.Name]),
                    RunStatistics.Of(allocations[scalingCase.Name]).Median,
                    latencies[scalingCase.Name]));
            }
        }
        return results;
    }
}
