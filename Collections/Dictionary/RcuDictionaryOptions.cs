namespace RcuCollections;

/// <summary>Construction options for <see cref="RcuDictionary{TKey, TValue}"/>.</summary>
public sealed record RcuDictionaryOptions
{
    /// <summary>
    /// Gets the RCU domain whose grace periods protect readers; <see langword="null"/> (the default) selects
    /// <see cref="RcuDomain.Default"/>, whose read side is the cheapest. The dictionary does not own the domain:
    /// disposing a domain that a dictionary still uses makes later writes throw <see cref="ObjectDisposedException"/>
    /// before they change anything (reads keep working).
    /// </summary>
    public RcuDomain? Domain { get; init; }

    /// <summary>Gets the number of entries to make room for up front (0 allocates tables lazily).</summary>
    public int Capacity { get; init; }

    /// <summary>
    /// Gets the number of independently locked segments; 0 (the default) picks
    /// <c>max(16, 4 × ProcessorCount)</c> rounded up to a power of two. Other values are rounded up to a power
    /// of two between 2 and 4096 (1 is taken as 2: the segment index comes from the top bits of the hash, and one segment
    /// would need a shift by 64). Writers to different segments never contend.
    /// </summary>
    public int SegmentCount { get; init; }

    /// <summary>
    /// Gets whether an <see cref="IDisposable"/> value that leaves the dictionary (removed, replaced by a
    /// different object or an unequal struct, or cleared) is disposed after a grace period, when no reader can still be
    /// using it. Values that do not implement <see cref="IDisposable"/> are ignored.
    /// </summary>
    /// <remarks>
    /// <para>Each stored value is owned by its key: it is disposed when it leaves that key, whether or not the same
    /// instance is also stored under another key (or elsewhere). Do not store one disposable instance under two keys of a
    /// dictionary that disposes removed values: the first key to let it go disposes it while the other still returns it.
    /// Storing a value over itself (the same object, or an equal struct) replaces nothing and disposes nothing.</para>
    /// <para>End of life: the dictionary has no <c>Dispose</c> of its own and does not dispose the values still stored in
    /// it. When you are done with it, call <see cref="RcuDictionary{TKey, TValue}.Clear"/> (which retires every stored
    /// value) and then <see cref="RcuDomain.Barrier"/> (or dispose the domain, whose disposal drains every retired value):
    /// after that every value it held has been disposed, each after a grace period.</para>
    /// <para>A value's <see cref="IDisposable.Dispose"/> runs on the domain's callback thread and may write to the same
    /// dictionary: no write waits for the domain's back-pressure while it holds a segment lock. If the domain's disposal
    /// begins while a write that removed or replaced the value is under way, so that it can no longer be retired, the value
    /// is disposed once that disposal completes (<see cref="RcuDomain.WhenDisposed"/>, after its last grace period).</para>
    /// </remarks>
    public bool DisposeRemovedValues { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Capacity);
        ArgumentOutOfRangeException.ThrowIfNegative(SegmentCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SegmentCount, RcuDictionaryLimits.MaxSegments);
    }
}
