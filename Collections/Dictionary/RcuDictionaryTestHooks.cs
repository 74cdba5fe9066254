namespace RcuCollections;

/// <summary>
/// Test-only seams into <see cref="RcuDictionary{TKey, TValue}"/>: callbacks run after an optimistic reader matched its
/// key and before it reads the value (a test recycles the slot under it), after it loaded a table array and before it
/// reads the table's shape (a test swaps the table under it), and after an enumeration copied a pair (a test moves keys
/// behind or ahead of the scan).
/// </summary>
/// <remarks>
/// The seam is armed only in a process that sets the runtime switch <c>RcuCollections.EnableTestHooks</c> (the test
/// project does, in its csproj). <see cref="Enabled"/> is a static readonly of a non-generic class, so in every other
/// process the JIT folds the check to false and the hot path carries nothing, in shared generic code too.
/// </remarks>
internal static class RcuDictionaryTestHooks
{
    /// <summary>Whether this process allows test hooks at all (read once, at class initialisation).</summary>
    internal static readonly bool Enabled =
        AppContext.TryGetSwitch("RcuCollections.EnableTestHooks", out bool enabled) && enabled;

    private static Type? s_valueType;
    private static Action? s_onOptimisticMatch;
    private static Type? s_tableLoadedValueType;
    private static Action? s_onOptimisticTableLoaded;
    private static Type? s_snapshotValueType;
    private static Action<int, object>? s_onSnapshotCopied;

    /// <summary>Installs the hook for dictionaries whose value type is <paramref name="valueType"/>.</summary>
    /// <exception cref="InvalidOperationException">The process did not enable test hooks.</exception>
    internal static void SetOptimisticMatchHook(Type valueType, Action hook)
    {
        if (!Enabled) throw new InvalidOperationException("Set the runtime switch RcuCollections.EnableTestHooks to use test hooks.");
        s_onOptimisticMatch = hook;
        Volatile.Write(ref s_valueType, valueType); // release: the hook is visible before the type that selects it
    }

    /// <summary>Runs the hook if one is installed for <paramref name="valueType"/>.</summary>
    internal static void OnOptimisticMatch(Type valueType)
    {
        if (Volatile.Read(ref s_valueType) == valueType) s_onOptimisticMatch?.Invoke(); // acquire: pairs with the release above
    }

    /// <summary>Installs <paramref name="hook"/> (given the pairs copied so far in the current scan and the key just copied) for dictionaries whose value type is <paramref name="valueType"/>.</summary>
    /// <exception cref="InvalidOperationException">The process did not enable test hooks.</exception>
    internal static void SetSnapshotCopiedHook(Type valueType, Action<int, object> hook)
    {
        if (!Enabled) throw new InvalidOperationException("Set the runtime switch RcuCollections.EnableTestHooks to use test hooks.");
        s_onSnapshotCopied = hook;
        Volatile.Write(ref s_snapshotValueType, valueType); // release: the hook is visible before the type that selects it
    }

    /// <summary>Runs the snapshot hook if one is installed for <paramref name="valueType"/>.</summary>
    internal static void OnSnapshotCopied(Type valueType, int copied, object key)
    {
        if (Volatile.Read(ref s_snapshotValueType) == valueType) s_onSnapshotCopied?.Invoke(copied, key); // acquire: pairs with the release above
    }

    /// <summary>Installs <paramref name="hook"/>, run after an optimistic reader loaded a segment's table array and before it reads the table's shape.</summary>
    /// <exception cref="InvalidOperationException">The process did not enable test hooks.</exception>
    internal static void SetOptimisticTableLoadedHook(Type valueType, Action hook)
    {
        if (!Enabled) throw new InvalidOperationException("Set the runtime switch RcuCollections.EnableTestHooks to use test hooks.");
        s_onOptimisticTableLoaded = hook;
        Volatile.Write(ref s_tableLoadedValueType, valueType); // release: the hook is visible before the type that selects it
    }

    /// <summary>Runs the table-loaded hook if one is installed for <paramref name="valueType"/>.</summary>
    internal static void OnOptimisticTableLoaded(Type valueType)
    {
        if (Volatile.Read(ref s_tableLoadedValueType) == valueType) s_onOptimisticTableLoaded?.Invoke(); // acquire: pairs with the release above
    }
}
