namespace RcuCollections.Tests.Dictionary.Linearizability;

/// <summary>One run of a factory during a call.</summary>
/// <param name="Kind">Which factory.</param>
/// <param name="Old">The value an update factory was given (0 for the others).</param>
/// <param name="Result">What the factory returned (unique: <see cref="DictionaryValues.FactoryResult"/>).</param>
public readonly record struct FactoryCall(FactoryKind Kind, int Old, int Result)
{
    /// <inheritdoc/>
    public override string ToString() => Kind == FactoryKind.Update ? $"update({Old})={Result}" : $"{Kind.ToString().ToLowerInvariant()}()={Result}";
}
