using RcuCollections.Linearizability;
using RcuCollections.Tests.Checker.Models;

namespace RcuCollections.Tests.Checker;

/// <summary>The checker on hand-written register histories (register starts at 0; clients 0, 1, 2).</summary>
public sealed class RegisterHistoryTests
{
    private static readonly RegisterModel Model = new();
    private static readonly RegisterOperation Read = RegisterOperation.Read;

    private static RegisterOperation Write(int value) => RegisterOperation.Write(value);

    private static CheckResult Check(params Operation<RegisterOperation, int>[] history) => LinearizabilityChecker.Check(Model, history);

    [Fact]
    public void The_empty_history_is_linearizable()
    {
        CheckResult result = Check();
        Assert.Equal(CheckOutcome.Ok, result.Outcome);
        Assert.Equal(0, result.OperationCount);
        Assert.Null(result.Violation);
    }

    [Fact]
    public void A_read_after_a_completed_write_must_see_it()
    {
        Assert.Equal(CheckOutcome.Ok, Check(H.Op(0, Write(1), 1, 0, 2), H.Op(1, Read, 3, 1, 4)).Outcome);

        CheckResult stale = Check(H.Op(0, Write(1), 1, 0, 2), H.Op(1, Read, 3, 0, 4));
        Assert.Equal(CheckOutcome.Illegal, stale.Outcome);
        LinearizabilityViolation violation = Assert.IsType<LinearizabilityViolation>(stale.Violation);
        Assert.Equal("Write(1)", Assert.Single(violation.LongestPrefix).Operation.Text);
        UnplaceableOperation blocked = Assert.Single(violation.Unplaceable);
        Assert.Equal("Read() -> 0", blocked.Operation.Text);
        Assert.True(blocked.RejectedByModel);
        Assert.Contains("state 1", blocked.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_read_overlapping_a_write_may_see_the_old_or_the_new_value(int seen)
        => Assert.Equal(CheckOutcome.Ok, Check(H.Op(0, Write(1), 1, 0, 4), H.Op(1, Read, 2, seen, 3)).Outcome);

    [Fact]
    public void A_read_of_a_value_never_written_is_illegal()
        => Assert.Equal(CheckOutcome.Illegal, Check(H.Op(0, Write(1), 1, 0, 4), H.Op(1, Read, 2, 7, 3)).Outcome);

    [Fact]
    public void Two_sequential_reads_during_a_write_cannot_go_from_new_back_to_old()
    {
        // The new value was read by a call that returned before the second read began: the write has taken effect.
        CheckResult result = Check(H.Op(0, Write(1), 1, 0, 10), H.Op(1, Read, 2, 1, 3), H.Op(2, Read, 4, 0, 5));
        Assert.Equal(CheckOutcome.Illegal, result.Outcome);

        // The other way round is fine: old value first, new value later.
        Assert.Equal(CheckOutcome.Ok, Check(H.Op(0, Write(1), 1, 0, 10), H.Op(1, Read, 2, 0, 3), H.Op(2, Read, 4, 1, 5)).Outcome);
    }

    [Fact]
    public void Writes_are_ordered_by_real_time()
    {
        // write 1, then write 2, then a read of 1: the read must see 2.
        Assert.Equal(CheckOutcome.Illegal, Check(H.Op(0, Write(1), 1, 0, 2), H.Op(1, Write(2), 3, 0, 4), H.Op(2, Read, 5, 1, 6)).Outcome);

        // Overlapping writes may take effect in either order.
        Assert.Equal(CheckOutcome.Ok, Check(H.Op(0, Write(1), 1, 0, 4), H.Op(1, Write(2), 2, 0, 3), H.Op(2, Read, 5, 1, 6)).Outcome);
    }

    [Fact]
    public void Equal_timestamps_mean_overlap()
    {
        // The read is called at the instant the write returns: they overlap, so the old value is allowed.
        Assert.Equal(CheckOutcome.Ok, Check(H.Op(0, Write(1), 1, 0, 5), H.Op(1, Read, 5, 0, 9)).Outcome);
        Assert.Equal(CheckOutcome.Illegal, Check(H.Op(0, Write(1), 1, 0, 5), H.Op(1, Read, 6, 0, 9)).Outcome);
    }

    [Fact]
    public void A_write_that_never_returned_may_or_may_not_take_effect()
    {
        Operation<RegisterOperation, int> pending = H.Pending(0, Write(1), 1, 0);
        Assert.Equal(CheckOutcome.Ok, Check(pending, H.Op(1, Read, 5, 1, 6)).Outcome);
        Assert.Equal(CheckOutcome.Ok, Check(pending, H.Op(1, Read, 5, 0, 6)).Outcome);

        // But once a read saw it, it has taken effect for good.
        Assert.Equal(CheckOutcome.Illegal, Check(pending, H.Op(1, Read, 5, 1, 6), H.Op(2, Read, 7, 0, 8)).Outcome);

        // And it cannot take effect before it was called.
        Assert.Equal(CheckOutcome.Illegal, Check(H.Op(1, Read, 1, 1, 2), H.Pending(0, Write(1), 3, 0)).Outcome);
    }

    [Fact]
    public void The_order_of_the_history_list_does_not_matter()
    {
        Operation<RegisterOperation, int>[] history = [H.Op(0, Write(1), 1, 0, 10), H.Op(1, Read, 2, 1, 3), H.Op(2, Read, 4, 0, 5)];
        Assert.Equal(CheckOutcome.Illegal, Check([.. history.Reverse()]).Outcome);
        Assert.Equal(CheckOutcome.Illegal, Check(history[1], history[0], history[2]).Outcome);
    }

    [Fact]
    public void Bad_arguments_are_rejected_clearly()
    {
        Assert.Throws<ArgumentNullException>(() => LinearizabilityChecker.Check<int, RegisterOperation, int>(null!, []));
        Assert.Throws<ArgumentNullException>(() => LinearizabilityChecker.Check(Model, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => LinearizabilityChecker.Check(Model, [], TimeSpan.FromSeconds(-1)));
        ArgumentException backwards = Assert.Throws<ArgumentException>(() => Check(H.Op(0, Write(1), 5, 0, 4)));
        Assert.Contains("before its call", backwards.Message, StringComparison.Ordinal);
        Assert.Equal(CheckOutcome.Ok, LinearizabilityChecker.Check(Model, [H.Op(0, Write(1), 1, 0, 2)], Timeout.InfiniteTimeSpan).Outcome);
    }
}
