namespace RcuCollections.Tests.AddressSpaces.Linearizability;

/// <summary>What a call observed: the page of window 0 and/or 1 (−1 where not read).</summary>
/// <param name="Page0">Window 0's page.</param>
/// <param name="Page1">Window 1's page.</param>
public readonly record struct WindowResult(int Page0, int Page1)
{
    /// <summary>The result of a remap.</summary>
    public static WindowResult None { get; } = new(-1, -1);

    /// <inheritdoc/>
    public override string ToString() => this == None ? "ok" : $"({Page0}, {Page1})";
}
