namespace RcuCollections;

/// <summary>
/// A test-only seam into the optimistic read path of <see cref="RcuDictionary{TKey, TValue}"/>: a callback run
/// after an optimistic reader matched its key and before it reads the value, so a test can recycle the slot under
/// it deterministically. It is bound to one value type, read once when that instantiation of the dictionary is
/// first used, so every other instantiation sees null and the JIT removes the call.
/// </summary>
internal static class RcuDictionaryTestHooks
{
    private static Type? s_valueType;
    private static Action? s_onOptimisticMatch;

    /// <summary>Installs the hook for dictionaries whose value type is <paramref name="valueType"/> (set before first use).</summary>
    internal static void SetOptimisticMatchHook(Type valueType, Action hook)
    {
        s_valueType = valueType;
        s_onOptimisticMatch = hook;
    }

    internal static Action? ForValueType(Type valueType) => valueType == s_valueType ? s_onOptimisticMatch : null;
}
