using RcuCollections.Linearizability;
using RcuCollections.Tests.Checker.Models;

namespace RcuCollections.Tests.Checker;

/// <summary>An illegal verdict comes with an explanation a person can act on, as text and as HTML.</summary>
public sealed class ExplanationTests
{
    private static readonly Operation<QueueOperation, int?>[] LifoHistory =
    [
        new(0, QueueOperation.Enqueue(1), 1, null, 2),
        new(1, QueueOperation.Enqueue(2), 3, null, 4),
        new(2, QueueOperation.Dequeue, 5, 2, 6),
        new(2, QueueOperation.Dequeue, 7, 1, 8),
    ];

    [Fact]
    public void The_text_names_the_prefix_the_blocked_operation_and_why()
    {
        CheckResult result = LinearizabilityChecker.Check(new QueueModel(), LifoHistory);
        string text = result.ToString();

        Assert.StartsWith("Illegal: the history of 4 operations is not linearizable", text, StringComparison.Ordinal);
        Assert.Contains("Partition 1 of 1 (4 operations) has no linearization.", text, StringComparison.Ordinal);
        Assert.Contains("Longest linearizable prefix: 2 of 4 operations, from the initial state []:", text, StringComparison.Ordinal);
        Assert.Contains("=> [1, 2]", text, StringComparison.Ordinal);
        Assert.Contains("TryDequeue() -> 2", text, StringComparison.Ordinal);
        Assert.Contains("the model rejects this output in state [1, 2]", text, StringComparison.Ordinal);

        LinearizabilityViolation violation = result.Violation!;
        Assert.Equal(4, violation.Operations.Count);
        Assert.Equal("[]", violation.InitialState);
        Assert.Equal(["Enqueue(1)", "Enqueue(2)"], violation.LongestPrefix.Select(s => s.Operation.Text));
        Assert.Equal("[1, 2]", violation.LongestPrefix[^1].StateAfter);
        Assert.Equal(2, Assert.Single(violation.Unplaceable).Operation.ClientId);
    }

    [Fact]
    public void A_candidate_that_the_model_accepts_but_that_leads_nowhere_is_told_apart()
    {
        // Two overlapping writes, then reads that see 1, 2, 1: whichever write goes first, one read is impossible.
        Operation<RegisterOperation, int>[] history =
        [
            H.Op(0, RegisterOperation.Write(1), 1, 0, 3),
            H.Op(1, RegisterOperation.Write(2), 2, 0, 4),
            H.Op(2, RegisterOperation.Read, 5, 1, 6),
            H.Op(2, RegisterOperation.Read, 7, 2, 8),
        ];
        LinearizabilityViolation violation = LinearizabilityChecker.Check(new RegisterModel(), history).Violation!;
        Assert.Contains(violation.Unplaceable, u => u.RejectedByModel);
        Assert.NotEmpty(violation.LongestPrefix);
    }

    [Fact]
    public void The_html_page_is_self_contained_and_shows_every_operation()
    {
        CheckResult result = LinearizabilityChecker.Check(new QueueModel(), LifoHistory);
        string html = result.ToHtml();

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>", html, StringComparison.Ordinal);
        Assert.Contains("client 2", html, StringComparison.Ordinal);
        Assert.Contains("#1 Enqueue(1)", html, StringComparison.Ordinal);
        Assert.Contains("op bad", html, StringComparison.Ordinal);
        Assert.Contains("TryDequeue() -&gt; 2", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_linearizable_result_says_so_in_one_line()
    {
        CheckResult result = LinearizabilityChecker.Check(new QueueModel(), LifoHistory[..2]);
        Assert.Matches(@"^Ok: 2 operations in 1 partition\(s\) are linearizable \(checked in [0-9.]+ (ms|s)\)\.$", result.ToString());
        Assert.Contains("<html>", result.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_calls_show_as_open()
    {
        CheckResult result = LinearizabilityChecker.Check(
            new RegisterModel(),
            [H.Pending(0, RegisterOperation.Write(1), 1, 0), H.Op(1, RegisterOperation.Read, 2, 1, 3), H.Op(1, RegisterOperation.Read, 4, 7, 5)]);
        Assert.Equal(CheckOutcome.Illegal, result.Outcome);
        Assert.Contains("[1, open]", result.ToString(), StringComparison.Ordinal);
        Assert.Contains(result.Violation!.Operations, o => o.IsPending);
    }
}
