namespace RcuCollections.Internal;

/// <summary>
/// Thread-static lookup of the calling thread's reader records. Kept in its own class without a static
/// constructor so that the JIT emits the inlined thread-static access with no class-initialisation check:
/// this is the hottest load in the library.
/// </summary>
internal static class ReaderRecordCache
{
    /// <summary>
    /// The record the thread's last <see cref="RcuDomain.ReadLock"/> used, whatever its domain: the one thread-static
    /// load of the fast path (a one-entry cache in front of <see cref="Default"/> and <see cref="Instances"/>).
    /// </summary>
    [ThreadStatic] public static ReaderRecord? Last;

    /// <summary>The record for <see cref="RcuDomain.Default"/> (slot 0).</summary>
    [ThreadStatic] public static ReaderRecord? Default;

    /// <summary>Records of instance domains, indexed by the domain's slot.</summary>
    [ThreadStatic] public static ReaderRecord?[]? Instances;

    /// <summary>The domain whose callback thread this is, if any (misuse detection).</summary>
    [ThreadStatic] public static RcuDomain? CallbackThreadOf;

    /// <summary>The domain whose grace period this thread is running, if any: its stall handlers and force callbacks run here (misuse detection).</summary>
    [ThreadStatic] public static RcuDomain? GracePeriodOf;
}
