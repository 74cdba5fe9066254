namespace RcuCollections.Tests.Checker.Models;

/// <summary>A call on an integer dictionary.</summary>
/// <param name="Command">What it does.</param>
/// <param name="Key">The key.</param>
/// <param name="Value">The value (for TryAdd and Set).</param>
public readonly record struct MapOperation(MapCommand Command, int Key, int Value)
{
    /// <inheritdoc/>
    public override string ToString() => Command is MapCommand.TryAdd or MapCommand.Set ? $"{Command}({Key}, {Value})" : $"{Command}({Key})";
}
