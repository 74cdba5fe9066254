namespace RcuCollections.Tests.Dictionary.Linearizability;

/// <summary>
/// The factories of one GetOrAdd or AddOrUpdate call. Each run returns a fresh unique value
/// (<see cref="DictionaryValues.FactoryResult"/>) and is recorded, so the model can tell which run's result was stored.
/// A factory given the wrong key or argument throws, which fails the property as "the object under test threw".
/// </summary>
/// <remarks>A call's factories run on the calling thread only, so the recorder needs no synchronisation.</remarks>
/// <typeparam name="TValue">The dictionary's value type.</typeparam>
internal sealed class FactoryRecorder<TValue>(DictionaryOperation operation, IValueCodec<TValue> codec)
{
    private readonly List<FactoryCall> _calls = [];

    /// <summary>The argument the call passes to its factories: unique per call, so a mix-up shows.</summary>
    public int Argument => -operation.Position;

    /// <summary>The runs so far.</summary>
    public FactoryCall[] Calls => [.. _calls];

    /// <summary>GetOrAdd's value factory.</summary>
    public TValue Get(int key) => Run(FactoryKind.Get, key, 0);

    /// <summary>GetOrAdd's value factory with an argument.</summary>
    public TValue Get(int key, int argument) => Run(FactoryKind.Get, key, 0, argument);

    /// <summary>AddOrUpdate's add factory.</summary>
    public TValue Add(int key) => Run(FactoryKind.Add, key, 0);

    /// <summary>AddOrUpdate's add factory with an argument.</summary>
    public TValue Add(int key, int argument) => Run(FactoryKind.Add, key, 0, argument);

    /// <summary>AddOrUpdate's update factory.</summary>
    public TValue Update(int key, TValue old) => Run(FactoryKind.Update, key, codec.Decode(old));

    /// <summary>AddOrUpdate's update factory with an argument.</summary>
    public TValue Update(int key, TValue old, int argument) => Run(FactoryKind.Update, key, codec.Decode(old), argument);

    private TValue Run(FactoryKind kind, int key, int old, int? argument = null)
    {
        if (key != operation.Key)
        {
            throw new InvalidOperationException($"The {kind} factory of {operation} was given key {key}.");
        }

        if (argument is { } given && given != Argument)
        {
            throw new InvalidOperationException($"The {kind} factory of {operation} was given argument {given}, not {Argument}.");
        }

        int result = DictionaryValues.FactoryResult(operation.Position, _calls.Count + 1);
        _calls.Add(new FactoryCall(kind, old, result));
        return codec.Encode(result);
    }
}
