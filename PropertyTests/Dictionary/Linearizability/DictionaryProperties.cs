using RcuCollections.Linearizability;

namespace RcuCollections.Tests.Dictionary.Linearizability;

/// <summary>The dictionary linearizability property: workload, executor and <see cref="DictionaryModel"/> wired together.</summary>
internal static class DictionaryProperties
{
    /// <summary>Creates the property of a workload on fresh maps from <paramref name="newMap"/>.</summary>
    public static LinearizabilityProperty<DictionaryUnderTest<TValue>, int?, DictionaryOperation, DictionaryResult> Create<TValue>(
        DictionaryWorkload workload,
        Func<IConcurrentMap<int, TValue>> newMap,
        IValueCodec<TValue> codec,
        Action<IConcurrentMap<int, TValue>>? afterRun = null)
        => LinearizabilityProperty.Create(
            () => new DictionaryUnderTest<TValue>(newMap(), codec, workload.KeyCount, afterRun),
            workload.Operations,
            static (subject, operation) => subject.Execute(operation),
            new DictionaryModel(),
            DictionaryWorkload.MakeUnique,
            prefixOperations: workload.SequentialOperations,
            suffixOperations: workload.SequentialOperations);
}
