namespace RcuCollections.Tests.Checker.Models;

/// <summary>What a dictionary call returned.</summary>
/// <param name="Success">The call's bool result.</param>
/// <param name="Value">The value returned by a successful TryRemove or TryGetValue.</param>
public readonly record struct MapResult(bool Success, int Value)
{
    /// <inheritdoc/>
    public override string ToString() => Success && Value != 0 ? $"true, {Value}" : Success ? "true" : "false";
}
