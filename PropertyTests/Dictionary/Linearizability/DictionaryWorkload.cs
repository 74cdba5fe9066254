using FsCheck;
using FsCheck.Fluent;

namespace RcuCollections.Tests.Dictionary.Linearizability;

/// <summary>A mix of dictionary calls over a small key range (few keys, so that calls collide).</summary>
/// <param name="Name">For reports.</param>
/// <param name="KeyCount">Keys are 0 .. KeyCount - 1.</param>
/// <param name="Operations">The parallel part's calls.</param>
public sealed record DictionaryWorkload(string Name, int KeyCount, Gen<DictionaryOperation> Operations)
{
    /// <summary>Every lookup and plain write: TryGetValue, ContainsKey, the indexer, TryAdd, both TryRemoves, TryUpdate, GetOrAdd(value).</summary>
    public static DictionaryWorkload ReadsAndWrites { get; } = Create(
        nameof(ReadsAndWrites),
        keyCount: 4,
        (3, DictionaryCommand.TryGetValue),
        (1, DictionaryCommand.ContainsKey),
        (2, DictionaryCommand.IndexerGet),
        (3, DictionaryCommand.TryAdd),
        (2, DictionaryCommand.TryRemove),
        (2, DictionaryCommand.TryRemovePair),
        (3, DictionaryCommand.TryUpdate),
        (2, DictionaryCommand.IndexerSet),
        (2, DictionaryCommand.GetOrAddValue));

    /// <summary>Every GetOrAdd and AddOrUpdate overload with factories, raced by removes, updates and reads that change what the factories see.</summary>
    public static DictionaryWorkload Factories { get; } = Create(
        nameof(Factories),
        keyCount: 3,
        (2, DictionaryCommand.GetOrAddFactory),
        (2, DictionaryCommand.GetOrAddFactoryArgument),
        (2, DictionaryCommand.AddOrUpdateValue),
        (2, DictionaryCommand.AddOrUpdateFactories),
        (2, DictionaryCommand.AddOrUpdateFactoriesArgument),
        (2, DictionaryCommand.TryRemove),
        (1, DictionaryCommand.TryUpdate),
        (1, DictionaryCommand.IndexerSet),
        (2, DictionaryCommand.TryGetValue));

    /// <summary>The sequential parts' calls: the same mix plus quiescent snapshots (Count, IsEmpty, enumeration), which are exact only there.</summary>
    public Gen<DictionaryOperation> SequentialOperations => Gen.Frequency(
        (3, Operations),
        (1, from key in Gen.Choose(0, KeyCount - 1) select new DictionaryOperation(DictionaryCommand.QuiescentSnapshot, key, 0)));

    /// <summary>Gives each generated call its scenario position, from which its values derive (unique values).</summary>
    public static DictionaryOperation MakeUnique(DictionaryOperation operation, int position) => operation with { Position = position };

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static DictionaryWorkload Create(string name, int keyCount, params (int Weight, DictionaryCommand Command)[] mix)
        => new(
            name,
            keyCount,
            from command in Gen.Frequency(mix.Select(m => (m.Weight, Gen.Constant(m.Command))).ToArray())
            from key in Gen.Choose(0, keyCount - 1)
            select new DictionaryOperation(command, key, 0));
}
