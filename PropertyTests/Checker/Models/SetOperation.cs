namespace RcuCollections.Tests.Checker.Models;

/// <summary>A call on a set of small integers (0..63).</summary>
/// <param name="Command">Add, remove or contains.</param>
/// <param name="Item">The item.</param>
public readonly record struct SetOperation(SetCommand Command, int Item)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Command}({Item})";
}
