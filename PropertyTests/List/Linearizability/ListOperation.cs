namespace RcuCollections.Tests.List.Linearizability;

/// <summary>One call on an integer RcuList.</summary>
/// <param name="Command">What it does.</param>
/// <param name="Index">The index (Insert, Get, Set).</param>
/// <param name="Value">The value (Add, Insert, Remove, AddIfAbsent, Set, Contains).</param>
public readonly record struct ListOperation(ListCommand Command, int Index, int Value)
{
    /// <inheritdoc/>
    public override string ToString() => Command switch
    {
        ListCommand.Insert or ListCommand.Set => $"{Command}({Index}, {Value})",
        ListCommand.Get => $"Get({Index})",
        ListCommand.Count or ListCommand.Snapshot => $"{Command}()",
        _ => $"{Command}({Value})",
    };
}
