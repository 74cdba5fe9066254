using RcuCollections.Linearizability;

namespace RcuCollections.Tests.Checker.Models;

/// <summary>A FIFO queue: a dequeue returns the front value, or null when the queue is empty. An enqueue outputs null.</summary>
public sealed class QueueModel : IModel<QueueState, QueueOperation, int?>
{
    /// <inheritdoc/>
    public QueueState Init() => QueueState.Empty;

    /// <inheritdoc/>
    public bool Step(QueueState state, QueueOperation input, int? output, out QueueState next)
    {
        if (input.IsEnqueue)
        {
            next = state.Enqueue(input.Value);
            return true;
        }

        if (state.IsEmpty)
        {
            next = state;
            return output is null;
        }

        next = state.Dequeue();
        return output == state.Front;
    }

    /// <inheritdoc/>
    public string DescribeOperation(QueueOperation input, int? output)
        => input.IsEnqueue ? input.ToString() : $"TryDequeue() -> {(output is { } value ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "empty")}";
}
