using System.Collections.Immutable;

namespace RcuCollections.Tests.List.Linearizability;

/// <summary>The contents of the list model, with structural equality and hashing (the checker memoises states).</summary>
public sealed class ListState : IEquatable<ListState>
{
    private readonly int _hash;

    private ListState(ImmutableArray<int> items)
    {
        Items = items;
        var hash = default(HashCode);
        foreach (int item in items) hash.Add(item);
        _hash = hash.ToHashCode();
    }

    /// <summary>The empty list.</summary>
    public static ListState Empty { get; } = new(ImmutableArray<int>.Empty);

    /// <summary>The elements.</summary>
    public ImmutableArray<int> Items { get; }

    /// <summary>Returns a state with <paramref name="items"/>.</summary>
    public static ListState Of(ImmutableArray<int> items) => new(items);

    /// <summary>The elements, comma-separated (the format of <see cref="ListResult.Contents"/>).</summary>
    public string Text => string.Join(",", Items);

    /// <inheritdoc/>
    public bool Equals(ListState? other) => other is not null && _hash == other._hash && Items.AsSpan().SequenceEqual(other.Items.AsSpan());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ListState);

    /// <inheritdoc/>
    public override int GetHashCode() => _hash;

    /// <inheritdoc/>
    public override string ToString() => $"[{Text}]";
}
