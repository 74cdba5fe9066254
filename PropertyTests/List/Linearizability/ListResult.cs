namespace RcuCollections.Tests.List.Linearizability;

/// <summary>What a list call returned.</summary>
/// <param name="Success">The bool result; false when the call threw ArgumentOutOfRangeException.</param>
/// <param name="Value">The element (Get) or the count (Count).</param>
/// <param name="Contents">The snapshot's elements, comma-separated (Snapshot only).</param>
public readonly record struct ListResult(bool Success, int Value = 0, string? Contents = null)
{
    /// <inheritdoc/>
    public override string ToString() => Contents is not null ? $"[{Contents}]" : Success ? $"true, {Value}" : "false";
}
