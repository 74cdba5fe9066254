using RcuCollections.Linearizability;
using RcuCollections.Tests.Checker.Models;

namespace RcuCollections.Tests.Checker;

/// <summary>The checker on hand-written set histories, whole and partitioned by item.</summary>
public sealed class SetHistoryTests
{
    private static SetOperation Add(int item) => new(SetCommand.Add, item);

    private static SetOperation Remove(int item) => new(SetCommand.Remove, item);

    private static SetOperation Contains(int item) => new(SetCommand.Contains, item);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Two_adds_of_the_same_item_cannot_both_succeed_unless_a_remove_separates_them(bool partitioned)
    {
        var model = new SetModel(partitioned);
        Assert.Equal(
            CheckOutcome.Illegal,
            LinearizabilityChecker.Check(model, [H.Op(0, Add(3), 1, true, 4), H.Op(1, Add(3), 2, true, 5), H.Op(2, Add(4), 2, true, 3)]).Outcome);
        Assert.Equal(
            CheckOutcome.Ok,
            LinearizabilityChecker.Check(model, [H.Op(0, Add(3), 1, true, 4), H.Op(1, Add(3), 2, true, 6), H.Op(2, Remove(3), 3, true, 5)]).Outcome);
    }

    [Fact]
    public void Sequential_set_semantics()
    {
        var model = new SetModel(partitionByItem: true);
        CheckResult result = LinearizabilityChecker.Check(model, [
            H.Op(0, Contains(1), 1, false, 2),
            H.Op(0, Add(1), 3, true, 4),
            H.Op(0, Contains(1), 5, true, 6),
            H.Op(0, Add(2), 7, true, 8),
            H.Op(0, Remove(1), 9, true, 10),
            H.Op(0, Remove(1), 11, false, 12),
            H.Op(0, Contains(2), 13, true, 14),
        ]);
        Assert.Equal(CheckOutcome.Ok, result.Outcome);
        Assert.Equal(2, result.PartitionCount);
    }

    [Fact]
    public void Contains_must_not_miss_an_item_added_before_it_began()
        => Assert.Equal(
            CheckOutcome.Illegal,
            LinearizabilityChecker.Check(new SetModel(true), [H.Op(0, Add(5), 1, true, 2), H.Op(1, Contains(5), 3, false, 4)]).Outcome);
}
