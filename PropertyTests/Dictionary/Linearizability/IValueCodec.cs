namespace RcuCollections.Tests.Dictionary.Linearizability;

/// <summary>Maps the model's <c>int</c> values to a dictionary's value type and back.</summary>
/// <typeparam name="TValue">The dictionary's value type.</typeparam>
public interface IValueCodec<TValue>
{
    /// <summary>The stored form of <paramref name="value"/>.</summary>
    TValue Encode(int value);

    /// <summary>The model value of a stored value; <see cref="DictionaryValues.Torn"/> for a value never stored whole.</summary>
    int Decode(TValue value);
}
