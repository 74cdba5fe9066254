namespace RcuCollections.Tests.Checker.Models;

/// <summary>A call on a FIFO queue of integers: enqueue a value, or try to dequeue.</summary>
/// <param name="IsEnqueue">Whether it enqueues.</param>
/// <param name="Value">The value enqueued (ignored for a dequeue).</param>
public readonly record struct QueueOperation(bool IsEnqueue, int Value)
{
    /// <summary>A dequeue attempt.</summary>
    public static QueueOperation Dequeue => new(false, 0);

    /// <summary>An enqueue of <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The operation.</returns>
    public static QueueOperation Enqueue(int value) => new(true, value);

    /// <inheritdoc/>
    public override string ToString() => IsEnqueue ? $"Enqueue({Value})" : "TryDequeue()";
}
