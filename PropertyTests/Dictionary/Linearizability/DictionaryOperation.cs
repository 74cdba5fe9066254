namespace RcuCollections.Tests.Dictionary.Linearizability;

/// <summary>One call on an <c>int</c>-keyed dictionary, as generated (the comparison value of a conditional call is chosen at run time and recorded in <see cref="DictionaryResult.Comparison"/>).</summary>
/// <param name="Command">What it calls.</param>
/// <param name="Key">The key (a small range, so that calls collide).</param>
/// <param name="Position">The call's unique position in its scenario; the values it writes derive from it (<see cref="DictionaryValues"/>).</param>
public readonly record struct DictionaryOperation(DictionaryCommand Command, int Key, int Position)
{
    /// <summary>The plain value this call writes (TryAdd, TryUpdate, the indexer's setter, GetOrAdd and AddOrUpdate's add value).</summary>
    public int Value => DictionaryValues.Plain(Position);

    /// <inheritdoc/>
    public override string ToString() => Command switch
    {
        DictionaryCommand.TryAdd or DictionaryCommand.TryUpdate or DictionaryCommand.IndexerSet or DictionaryCommand.GetOrAddValue or DictionaryCommand.AddOrUpdateValue
            => $"{Command}({Key}, {Value})",
        DictionaryCommand.GetOrAddFactory or DictionaryCommand.GetOrAddFactoryArgument or DictionaryCommand.AddOrUpdateFactories or DictionaryCommand.AddOrUpdateFactoriesArgument
            => $"{Command}({Key}, f{Position})",
        _ => $"{Command}({Key})",
    };
}
