namespace RcuCollections.Tests.Dictionary.Linearizability;

/// <summary>
/// The unique values of a scenario. A call at position p writes the plain value <c>100·p</c>; the k-th factory
/// invocation of that call (k = 1, 2, ...) returns <c>100·p + k</c>. Every value written anywhere is therefore unique,
/// so a value read names the very call and factory invocation that produced it.
/// </summary>
internal static class DictionaryValues
{
    /// <summary>Factory invocations one call may make before the executor calls it a livelock.</summary>
    public const int MaxFactoryInvocations = 99;

    /// <summary>A value no call ever writes: what a torn wide value decodes to.</summary>
    public const int Torn = -1;

    /// <summary>The plain value of the call at <paramref name="position"/>.</summary>
    public static int Plain(int position) => 100 * position;

    /// <summary>The result of the <paramref name="invocation"/>-th factory run of the call at <paramref name="position"/>.</summary>
    public static int FactoryResult(int position, int invocation)
    {
        if (invocation > MaxFactoryInvocations)
        {
            throw new InvalidOperationException($"A factory ran more than {MaxFactoryInvocations} times for one call: a livelock, not contention.");
        }

        return Plain(position) + invocation;
    }
}
