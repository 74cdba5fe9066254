using System.Collections.Immutable;

namespace RcuCollections.Tests.Checker.Models;

/// <summary>The contents of a queue model, front first, with structural equality (the checker compares states).</summary>
public sealed class QueueState : IEquatable<QueueState>
{
    private readonly ImmutableList<int> _items;

    private QueueState(ImmutableList<int> items) => _items = items;

    /// <summary>The empty queue.</summary>
    public static QueueState Empty { get; } = new(ImmutableList<int>.Empty);

    /// <summary>Whether the queue is empty.</summary>
    public bool IsEmpty => _items.IsEmpty;

    /// <summary>The front element (the queue must not be empty).</summary>
    public int Front => _items[0];

    /// <summary>The queue with <paramref name="value"/> at the back.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The new state.</returns>
    public QueueState Enqueue(int value) => new(_items.Add(value));

    /// <summary>The queue without its front element.</summary>
    /// <returns>The new state.</returns>
    public QueueState Dequeue() => new(_items.RemoveAt(0));

    /// <inheritdoc/>
    public bool Equals(QueueState? other) => other is not null && _items.SequenceEqual(other._items);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as QueueState);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (int item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => "[" + string.Join(", ", _items) + "]";
}
