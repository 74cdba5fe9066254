namespace RcuCollections.Tests.Checker.Porcupine;

/// <summary>A call on the key-value store.</summary>
/// <param name="Command">Get, put or append.</param>
/// <param name="Key">The key.</param>
/// <param name="Value">The value put or appended (empty for get).</param>
public readonly record struct KvInput(KvCommand Command, string Key, string Value)
{
    /// <inheritdoc/>
    public override string ToString() => Command == KvCommand.Get ? $"get({Key})" : $"{Command.ToString().ToLowerInvariant()}({Key}, \"{Value}\")";
}
