using RcuCollections.Linearizability;
using RcuCollections.Tests.Checker.Models;

namespace RcuCollections.Tests.Checker;

/// <summary>The checker on hand-written FIFO queue histories.</summary>
public sealed class QueueHistoryTests
{
    private static readonly QueueModel Model = new();
    private static Operation<QueueOperation, int?> E(int client, int value, long call, long returned)
        => new(client, QueueOperation.Enqueue(value), call, null, returned);

    private static Operation<QueueOperation, int?> D(int client, long call, int? output, long returned)
        => new(client, QueueOperation.Dequeue, call, output, returned);

    private static CheckOutcome Check(params Operation<QueueOperation, int?>[] history) => LinearizabilityChecker.Check(Model, history).Outcome;

    [Fact]
    public void Sequential_fifo_order_is_linearizable_and_lifo_is_not()
    {
        Assert.Equal(CheckOutcome.Ok, Check(E(0, 1, 1, 2), E(0, 2, 3, 4), D(0, 5, 1, 6), D(0, 7, 2, 8)));
        Assert.Equal(CheckOutcome.Illegal, Check(E(0, 1, 1, 2), E(0, 2, 3, 4), D(0, 5, 2, 6)));
    }

    [Fact]
    public void Concurrent_enqueues_may_be_ordered_either_way()
    {
        Assert.Equal(CheckOutcome.Ok, Check(E(0, 1, 1, 4), E(1, 2, 2, 3), D(2, 5, 2, 6), D(2, 7, 1, 8)));
        Assert.Equal(CheckOutcome.Ok, Check(E(0, 1, 1, 4), E(1, 2, 2, 3), D(2, 5, 1, 6), D(2, 7, 2, 8)));
    }

    [Fact]
    public void An_element_cannot_be_dequeued_twice_or_lost()
    {
        Assert.Equal(CheckOutcome.Illegal, Check(E(0, 1, 1, 2), D(1, 3, 1, 6), D(2, 4, 1, 5)));
        Assert.Equal(CheckOutcome.Illegal, Check(E(0, 1, 1, 2), D(1, 3, null, 4)));
    }

    [Fact]
    public void A_dequeue_concurrent_with_the_enqueue_may_find_the_queue_empty()
        => Assert.Equal(CheckOutcome.Ok, Check(E(0, 1, 1, 4), D(1, 2, null, 3), D(1, 5, 1, 6)));

    [Fact]
    public void A_value_never_enqueued_cannot_be_dequeued()
        => Assert.Equal(CheckOutcome.Illegal, Check(E(0, 1, 1, 4), D(1, 2, 9, 3)));
}
