using System.Globalization;

namespace RcuCollections.Linearizability;

/// <summary>The result of <see cref="LinearizabilityChecker.Check{TState, TInput, TOutput}"/>.</summary>
public sealed class CheckResult
{
    internal CheckResult(
        CheckOutcome outcome,
        int operationCount,
        int partitionCount,
        int undecidedPartitions,
        TimeSpan elapsed,
        TimeSpan? timeout,
        LinearizabilityViolation? violation)
    {
        Outcome = outcome;
        OperationCount = operationCount;
        PartitionCount = partitionCount;
        UndecidedPartitions = undecidedPartitions;
        Elapsed = elapsed;
        Timeout = timeout;
        Violation = violation;
    }

    /// <summary>The verdict.</summary>
    public CheckOutcome Outcome { get; }

    /// <summary>Whether the history was proven linearizable.</summary>
    public bool IsLinearizable => Outcome == CheckOutcome.Ok;

    /// <summary>The number of operations in the history.</summary>
    public int OperationCount { get; }

    /// <summary>The number of partitions the model split the history into.</summary>
    public int PartitionCount { get; }

    /// <summary>Partitions whose search was stopped before a verdict (timeout, or another partition was illegal).</summary>
    public int UndecidedPartitions { get; }

    /// <summary>How long the check took.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The timeout the check ran under, if any.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>The explanation, when <see cref="Outcome"/> is <see cref="CheckOutcome.Illegal"/>; otherwise <see langword="null"/>.</summary>
    public LinearizabilityViolation? Violation { get; }

    /// <summary>A summary line, followed by the explanation when the history is illegal.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        string took = FormatDuration(Elapsed);
        return Outcome switch
        {
            CheckOutcome.Ok => $"Ok: {OperationCount} operations in {PartitionCount} partition(s) are linearizable (checked in {took}).",
            CheckOutcome.Unknown =>
                $"Unknown: the timeout of {(Timeout is { } t ? FormatDuration(t) : "none")} ran out with {UndecidedPartitions} of {PartitionCount} " +
                $"partition(s) undecided ({OperationCount} operations); no partition was found illegal. Raise the timeout or check smaller histories.",
            _ => $"Illegal: the history of {OperationCount} operations is not linearizable (checked in {took}).{Environment.NewLine}{Violation}",
        };
    }

    /// <summary>Renders the result as a self-contained HTML page (a timeline of the illegal partition when illegal).</summary>
    /// <returns>The HTML document.</returns>
    public string ToHtml() => Violation?.ToHtml()
        ?? $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Linearizability</title></head><body><p>{System.Net.WebUtility.HtmlEncode(ToString())}</p></body></html>";

    internal static string FormatDuration(TimeSpan duration) => duration.TotalSeconds >= 1
        ? duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s"
        : duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + " ms";
}
