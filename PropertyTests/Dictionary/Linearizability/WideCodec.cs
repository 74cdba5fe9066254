namespace RcuCollections.Tests.Dictionary.Linearizability;

/// <summary>Encodes model values as <see cref="WideValue"/>s and detects torn ones.</summary>
public sealed class WideCodec : IValueCodec<WideValue>
{
    /// <summary>The one instance.</summary>
    public static WideCodec Instance { get; } = new();

    /// <inheritdoc/>
    public WideValue Encode(int value) => new(value, ~(long)value);

    /// <inheritdoc/>
    public int Decode(WideValue value) => value.Check == ~value.Value ? checked((int)value.Value) : DictionaryValues.Torn;
}
