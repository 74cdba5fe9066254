using System.Globalization;
using System.Text;

namespace RcuCollections.Linearizability;

/// <summary>
/// The outcome of <see cref="LinearizabilityProperty{TObject, TState, TInput, TOutput}.Run"/>: totals, and for a failure
/// the smallest failing scenario as a table with the results of its failing run, the checker's explanation and the seed
/// that regenerates the scenarios.
/// </summary>
public sealed class LinearizabilityReport
{
    internal LinearizabilityReport() { }

    /// <summary>Whether every checked run was linearizable (and nothing threw or hung).</summary>
    public bool Passed => FailureKind == LinearizabilityFailureKind.None;

    /// <summary>How the property failed, or <see cref="LinearizabilityFailureKind.None"/>.</summary>
    public LinearizabilityFailureKind FailureKind { get; internal init; }

    /// <summary>The FsCheck seed and gamma that regenerate the same scenarios.</summary>
    public (ulong Seed, ulong Gamma) Replay { get; internal init; }

    /// <summary>Scenarios generated and run before the first failure, or all of them when it passed.</summary>
    public int ScenariosTested { get; internal init; }

    /// <summary>Scenarios that FsCheck generated after the time budget ran out, and that were not run.</summary>
    public int ScenariosSkipped { get; internal init; }

    /// <summary>Runs executed in all, shrinking included.</summary>
    public long RunsExecuted { get; internal init; }

    /// <summary>Histories given to the checker.</summary>
    public long HistoriesChecked { get; internal init; }

    /// <summary>Histories the checker could not decide within its timeout.</summary>
    public long HistoriesUndecided { get; internal init; }

    /// <summary>Wall-clock time of the whole property.</summary>
    public TimeSpan Elapsed { get; internal init; }

    /// <summary>Time spent running scenarios (object creation, the three parts, recording), shrinking included.</summary>
    public TimeSpan TimeRunning { get; internal init; }

    /// <summary>Time spent in the linearizability checker, shrinking included.</summary>
    public TimeSpan TimeChecking { get; internal init; }

    /// <summary>Time from the start until the first failing run, when one failed.</summary>
    public TimeSpan? TimeToFirstFailure { get; internal init; }

    /// <summary>How many smaller failing scenarios shrinking went through.</summary>
    public int ShrinkSteps { get; internal init; }

    /// <summary>Whether shrinking stopped because its time budget ran out (the scenario may shrink further).</summary>
    public bool ShrinkBudgetExhausted { get; internal init; }

    /// <summary>The smallest failing scenario, on one line.</summary>
    public string? FailingScenario { get; internal init; }

    /// <summary>The table of the smallest failing scenario with the results of its failing run.</summary>
    public string? FailureTable { get; internal init; }

    /// <summary>The checker's verdict on the failing run, when the failure is about linearizability.</summary>
    public CheckResult? CheckResult { get; internal init; }

    /// <summary>The exception of the failing run, when the object threw or the run hung.</summary>
    public Exception? Exception { get; internal init; }

    /// <summary>FsCheck's own failure message (original and shrunk scenario, FsCheck's replay line).</summary>
    public string? FsCheckMessage { get; internal init; }

    /// <summary>Throws <see cref="LinearizabilityException"/> with this report when the property failed.</summary>
    /// <exception cref="LinearizabilityException">The property failed.</exception>
    public void ThrowIfFailed()
    {
        if (!Passed)
        {
            throw new LinearizabilityException(this);
        }
    }

    /// <summary>The full report.</summary>
    /// <returns>Several lines of text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        string replay = string.Create(CultureInfo.InvariantCulture, $"{Replay.Seed},{Replay.Gamma}");
        string totals = string.Create(
            CultureInfo.InvariantCulture,
            $"{ScenariosTested} scenario(s), {RunsExecuted} run(s), {HistoriesChecked} histories checked in {Elapsed.TotalSeconds:0.00} s (running {TimeRunning.TotalSeconds:0.00} s, checking {TimeChecking.TotalSeconds:0.00} s)");
        if (Passed)
        {
            text.Append("Linearizability property passed: ").Append(totals);
            if (ScenariosSkipped > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $" ({ScenariosSkipped} scenario(s) not run: time budget)");
            }

            return text.Append(CultureInfo.InvariantCulture, $"; replay seed {replay}.").ToString();
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Linearizability property FAILED ({Describe(FailureKind)}) after {ScenariosTested} scenario(s), {TimeToFirstFailure?.TotalSeconds ?? Elapsed.TotalSeconds:0.00} s in.");
        if (FailureTable is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Smallest failing scenario after {ShrinkSteps} shrink step(s){(ShrinkBudgetExhausted ? " (shrink time budget ran out)" : string.Empty)}, with the results of its failing run:");
            text.Append(FailureTable);
        }

        if (CheckResult is not null)
        {
            text.AppendLine("Checker (client 0 = init and post parts, client k = thread k):").AppendLine(CheckResult.ToString());
        }

        if (Exception is not null)
        {
            text.AppendLine("Exception:").AppendLine(Exception.ToString());
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Replay: set {LinearizabilityTestOptions.ReplayVariable}={replay} (or LinearizabilityTestOptions.Replay = ({Replay.Seed}UL, {Replay.Gamma}UL)) to regenerate the same scenarios; interleavings still vary from run to run.");
        text.AppendLine("Totals: " + totals + ".");
        if (FsCheckMessage is not null)
        {
            text.AppendLine("FsCheck: " + FsCheckMessage.Trim());
        }

        return text.ToString();
    }

    private static string Describe(LinearizabilityFailureKind kind) => kind switch
    {
        LinearizabilityFailureKind.NotLinearizable => "a history is not linearizable",
        LinearizabilityFailureKind.Undecided => "the checker could not decide a history in time",
        LinearizabilityFailureKind.ObjectThrew => "the object under test threw",
        LinearizabilityFailureKind.Hang => "a run hung",
        _ => "see FsCheck's message",
    };
}
