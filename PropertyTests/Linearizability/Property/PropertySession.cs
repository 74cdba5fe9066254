using System.Diagnostics;

namespace RcuCollections.Linearizability;

/// <summary>
/// The state of one <see cref="LinearizabilityProperty{TObject, TState, TInput, TOutput}.Run"/>: FsCheck calls
/// <see cref="Evaluate"/> for every generated scenario and, after the first failure, for every shrink candidate;
/// this class runs and checks, keeps the totals and remembers the latest failure (which, once FsCheck is done, is the
/// smallest one).
/// </summary>
internal sealed class PropertySession<TObject, TState, TInput, TOutput> : IDisposable
{
    private readonly IModel<TState, TInput, TOutput> _model;
    private readonly LinearizabilityTestOptions _options;
    private readonly ScenarioRunner<TObject, TInput, TOutput> _runner;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private Stopwatch? _shrinkClock;
    private Failure? _failure;
    private bool _hung;
    private bool _shrinkBudgetExhausted;
    private int _scenariosTested;
    private int _scenariosSkipped;
    private int _shrinkSteps;
    private long _runs;
    private long _checked;
    private long _undecided;
    private TimeSpan? _firstFailureAt;
    private long _runTicks;
    private long _checkTicks;

    public PropertySession(LinearizabilityProperty<TObject, TState, TInput, TOutput> property, LinearizabilityTestOptions options)
    {
        _model = property.Model;
        _options = options;
        _runner = new ScenarioRunner<TObject, TInput, TOutput>(property.Factory, property.Execute, options.MaxThreads, options.MaxStartJitterSpins, options.RunTimeout);
    }

    /// <summary>Runs a scenario many times; false as soon as one run fails.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <returns><see langword="false"/> when a run failed.</returns>
    public bool Evaluate(ConcurrentScenario<TInput> scenario)
    {
        bool shrinking = _failure is not null;
        if (_hung)
        {
            return true; // The workers are stuck: nothing more can run; "passing" ends shrinking at the hung scenario.
        }

        if (!shrinking)
        {
            if (_scenariosTested >= _options.MinScenarios && _clock.Elapsed > _options.TimeBudget)
            {
                _scenariosSkipped++;
                return true;
            }

            _scenariosTested++;
        }

        int runs = shrinking ? _options.RunsPerScenario * _options.ShrinkRunsFactor : _options.RunsPerScenario;
        for (int i = 1; i <= runs; i++)
        {
            if (shrinking && _shrinkClock!.Elapsed > _options.ShrinkTimeBudget)
            {
                _shrinkBudgetExhausted = true;
                return true; // Out of time: treat the candidate as passing, so FsCheck settles on the smallest failure so far.
            }

            ScenarioRun<TInput, TOutput> run;
            long started = Stopwatch.GetTimestamp();
            try
            {
                run = _runner.Run(scenario);
            }
            catch (TimeoutException exception)
            {
                _hung = true;
                Fail(scenario, null, null, exception, LinearizabilityFailureKind.Hang, i, runs);
                return false;
            }

            _runs++;
            long ran = Stopwatch.GetTimestamp();
            _runTicks += ran - started;
            if (run.Exception is not null)
            {
                Fail(scenario, run, null, run.Exception, LinearizabilityFailureKind.ObjectThrew, i, runs);
                return false;
            }

            CheckResult result = LinearizabilityChecker.Check(_model, run.History, _options.CheckTimeout);
            _checkTicks += Stopwatch.GetTimestamp() - ran;
            _checked++;
            if (result.Outcome == CheckOutcome.Illegal)
            {
                Fail(scenario, run, result, null, LinearizabilityFailureKind.NotLinearizable, i, runs);
                return false;
            }

            if (result.Outcome == CheckOutcome.Unknown)
            {
                _undecided++;
                if (_options.FailOnUnknown)
                {
                    Fail(scenario, run, result, null, LinearizabilityFailureKind.Undecided, i, runs);
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Shrink candidates for FsCheck: when <paramref name="scenario"/> is the latest failure and the checker named the
    /// illegal partition, first the scenario cut down to that partition's operations (P-compositionality: the others
    /// cannot make it legal or illegal, though they may matter for timing), then the generic candidates.
    /// </summary>
    /// <param name="scenario">The failing scenario to shrink.</param>
    /// <returns>Smaller scenarios.</returns>
    public IEnumerable<ConcurrentScenario<TInput>> Shrink(ConcurrentScenario<TInput> scenario)
    {
        if (_failure is { Run: { } run, CheckResult.Violation: { } violation } failure
            && ReferenceEquals(failure.Scenario, scenario)
            && FocusOn(scenario, run, violation) is { } focused)
        {
            yield return focused;
        }

        foreach (ConcurrentScenario<TInput> candidate in ScenarioShapes.Shrink(scenario))
        {
            yield return candidate;
        }
    }

    public LinearizabilityReport BuildReport((ulong Seed, ulong Gamma) replay, string? fsCheckMessage)
    {
        LinearizabilityFailureKind kind = _failure?.Kind
            ?? (fsCheckMessage is null ? LinearizabilityFailureKind.None : LinearizabilityFailureKind.Other);
        return new LinearizabilityReport
        {
            FailureKind = kind,
            Replay = replay,
            ScenariosTested = _scenariosTested,
            ScenariosSkipped = _scenariosSkipped,
            RunsExecuted = _runs,
            HistoriesChecked = _checked,
            HistoriesUndecided = _undecided,
            Elapsed = _clock.Elapsed,
            TimeRunning = Stopwatch.GetElapsedTime(0, _runTicks),
            TimeChecking = Stopwatch.GetElapsedTime(0, _checkTicks),
            TimeToFirstFailure = _firstFailureAt,
            ShrinkSteps = _shrinkSteps,
            ShrinkBudgetExhausted = _shrinkBudgetExhausted,
            FailingScenario = _failure?.Scenario.ToString(),
            FailureTable = _failure is { Run: { } run } failure
                ? ScenarioTable.Render(failure.Scenario, run, _model.DescribeOperation) + $"(failed on run {failure.RunIndex} of {failure.Runs}){Environment.NewLine}"
                : _failure is not null ? $"{_failure.Scenario}{Environment.NewLine}" : null,
            CheckResult = _failure?.CheckResult,
            Exception = _failure?.Exception,
            FsCheckMessage = fsCheckMessage,
        };
    }

    public void Dispose() => _runner.Dispose();

    private static ConcurrentScenario<TInput>? FocusOn(ConcurrentScenario<TInput> scenario, ScenarioRun<TInput, TOutput> run, LinearizabilityViolation violation)
    {
        // Timestamps are unique tickets, so (client, call) names one recorded operation, and its position in its
        // client's list is its position in the scenario (client 0: init then post; client k: thread k).
        var keep = violation.Operations.Select(o => (o.ClientId, o.Call)).ToHashSet();
        TInput[] prefix = Keep(scenario.Prefix, run.Prefix, keep);
        TInput[] suffix = Keep(scenario.Suffix, run.Suffix, keep);
        TInput[][] threads = scenario.Threads
            .Select((inputs, index) => Keep(inputs, run.Threads[index], keep))
            .Where(thread => thread.Length > 0)
            .ToArray();
        bool smaller = prefix.Length + suffix.Length + threads.Sum(t => t.Length) < scenario.OperationCount;
        return threads.Length > 0 && smaller ? new ConcurrentScenario<TInput>(prefix, threads, suffix) : null;
    }

    private static TInput[] Keep(IReadOnlyList<TInput> planned, IReadOnlyList<Operation<TInput, TOutput>> recorded, HashSet<(int ClientId, long Call)> keep)
        => planned.Where((_, i) => i < recorded.Count && keep.Contains((recorded[i].ClientId, recorded[i].Call))).ToArray();

    private void Fail(ConcurrentScenario<TInput> scenario, ScenarioRun<TInput, TOutput>? run, CheckResult? result, Exception? exception, LinearizabilityFailureKind kind, int runIndex, int runs)
    {
        if (_failure is null)
        {
            _firstFailureAt = _clock.Elapsed;
            _shrinkClock = Stopwatch.StartNew();
        }
        else
        {
            _shrinkSteps++;
        }

        _failure = new Failure(scenario, run, result, exception, kind, runIndex, runs);
    }

    private sealed record Failure(
        ConcurrentScenario<TInput> Scenario,
        ScenarioRun<TInput, TOutput>? Run,
        CheckResult? CheckResult,
        Exception? Exception,
        LinearizabilityFailureKind Kind,
        int RunIndex,
        int Runs);
}
