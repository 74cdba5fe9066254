namespace RcuCollections.Tests.Checker.Porcupine;

/// <summary>A call on the etcd register.</summary>
/// <param name="Command">Read, write or compare-and-set.</param>
/// <param name="Value">The value written (write) or the new value (cas).</param>
/// <param name="Expected">The expected value (cas).</param>
public readonly record struct EtcdInput(RegisterCommand Command, int Value, int Expected)
{
    /// <inheritdoc/>
    public override string ToString() => Command switch
    {
        RegisterCommand.Read => "read",
        RegisterCommand.Write => $"write({Value})",
        _ => $"cas({Expected}, {Value})",
    };
}
