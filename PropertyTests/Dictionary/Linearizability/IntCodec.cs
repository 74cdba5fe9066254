namespace RcuCollections.Tests.Dictionary.Linearizability;

/// <summary>Plain <c>int</c> values: written atomically, so RcuDictionary replaces them in place.</summary>
public sealed class IntCodec : IValueCodec<int>
{
    /// <summary>The one instance.</summary>
    public static IntCodec Instance { get; } = new();

    /// <inheritdoc/>
    public int Encode(int value) => value;

    /// <inheritdoc/>
    public int Decode(int value) => value;
}
