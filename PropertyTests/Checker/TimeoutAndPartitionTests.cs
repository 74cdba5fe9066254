using System.Diagnostics;
using RcuCollections.Linearizability;
using RcuCollections.Tests.Checker.Models;

namespace RcuCollections.Tests.Checker;

/// <summary>Timeouts give Unknown; partitions are checked independently; an illegal partition stops the others.</summary>
public sealed class TimeoutAndPartitionTests
{
    [Fact]
    public void A_search_that_runs_out_of_time_answers_Unknown_and_stops_promptly()
    {
        var stopwatch = Stopwatch.StartNew();
        CheckResult result = LinearizabilityChecker.Check(new ExplosiveModel(), ExplosiveModel.Hard(0, 40), TimeSpan.FromMilliseconds(100));
        stopwatch.Stop();

        Assert.Equal(CheckOutcome.Unknown, result.Outcome);
        Assert.Equal(1, result.UndecidedPartitions);
        Assert.Null(result.Violation);
        Assert.StartsWith("Unknown: the timeout of 100 ms ran out", result.ToString(), StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed} to give up after 100 ms");
    }

    [Fact]
    public void The_exponential_history_is_decided_exactly_when_small_enough()
    {
        // 2^10 configurations: small enough to exhaust, so the verdict is Illegal, never Unknown.
        CheckResult result = LinearizabilityChecker.Check(new ExplosiveModel(), ExplosiveModel.Hard(0, 10), TimeSpan.FromSeconds(30));
        Assert.Equal(CheckOutcome.Illegal, result.Outcome);
    }

    [Fact]
    public void An_illegal_partition_decides_the_history_even_when_another_partition_would_never_finish()
    {
        // Partition 0 is exponential (would run for ages); partition 1 is illegal and larger, so it is scheduled after
        // partition 0 in size order. The history is large enough to search partitions in parallel: the illegal one must
        // be found and must stop the other long before the timeout.
        var history = ExplosiveModel.Hard(0, 40);
        for (int i = 0; i < 300; i++)
        {
            history.Add(new(100, new ExplosiveOperation(1, i % 64), 10_000 + (2 * i), true, 10_001 + (2 * i)));
        }

        history.Add(new(100, new ExplosiveOperation(1, -1), 20_000, false, 20_001));

        var stopwatch = Stopwatch.StartNew();
        CheckResult result = LinearizabilityChecker.Check(new ExplosiveModel(), history, TimeSpan.FromSeconds(60));
        stopwatch.Stop();

        Assert.Equal(CheckOutcome.Illegal, result.Outcome);
        Assert.Equal(1, result.Violation!.PartitionIndex);
        Assert.Equal(2, result.Violation.PartitionCount);
        Assert.Equal(300, result.Violation.LongestPrefix.Count);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"took {stopwatch.Elapsed}: the exponential partition was not stopped");
    }

    [Fact]
    public void Partitions_are_independent_and_the_illegal_one_is_named()
    {
        var model = new MapModel();
        Operation<MapOperation, MapResult>[] history =
        [
            H.Op(0, new MapOperation(MapCommand.TryAdd, 1, 10), 1, new MapResult(true, 0), 2),
            H.Op(1, new MapOperation(MapCommand.TryAdd, 2, 20), 1, new MapResult(true, 0), 2),
            H.Op(0, new MapOperation(MapCommand.TryGetValue, 1, 0), 3, new MapResult(true, 10), 4),
            H.Op(1, new MapOperation(MapCommand.TryGetValue, 2, 0), 3, new MapResult(false, 0), 4), // key 2 was added: illegal
        ];

        CheckResult result = LinearizabilityChecker.Check(model, history);
        Assert.Equal(CheckOutcome.Illegal, result.Outcome);
        Assert.Equal(2, result.PartitionCount);
        LinearizabilityViolation violation = result.Violation!;
        Assert.Equal(1, violation.PartitionIndex);
        Assert.All(violation.Operations, o => Assert.Contains("(2", o.Text, StringComparison.Ordinal));
        Assert.Equal(CheckOutcome.Ok, LinearizabilityChecker.Check(model, history[..3]).Outcome);
    }

    [Fact]
    public void A_partition_that_loses_operations_is_a_model_bug_reported_clearly()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => LinearizabilityChecker.Check(new LossyPartitionModel(), [H.Op(0, 1, 1, 1, 2), H.Op(0, 2, 3, 2, 4)]));
        Assert.Contains("every operation must be in exactly one partition", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_that_rejects_a_call_that_never_returned_is_reported_clearly()
    {
        // A pending read that claims to have seen 5: its outcome is unknown, so the model must accept it, and this one does not.
        var exception = Assert.Throws<InvalidOperationException>(
            () => LinearizabilityChecker.Check(new RegisterModel(), [H.Pending(0, RegisterOperation.Read, 1, 5), H.Op(1, RegisterOperation.Read, 2, 0, 3)]));
        Assert.Contains("never returned", exception.Message, StringComparison.Ordinal);
    }

    private sealed class LossyPartitionModel : IModel<int, int, int>
    {
        public int Init() => 0;

        public bool Step(int state, int input, int output, out int next)
        {
            next = state;
            return true;
        }

        public IEnumerable<IReadOnlyList<Operation<int, int>>> Partition(IReadOnlyList<Operation<int, int>> history) => [history.Take(1).ToList()];
    }
}
