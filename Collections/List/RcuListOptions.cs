namespace RcuCollections;

/// <summary>
/// Options of an <see cref="RcuList{T}"/>: the RCU domain its readers and array recycling use, and whether
/// (and how much) it recycles the arrays of old versions.
/// </summary>
public sealed record RcuListOptions
{
    /// <summary>
    /// Gets the domain whose read-side sections protect <see cref="RcuList{T}.Read"/> spans and whose grace
    /// periods gate the recycling of arrays. <see langword="null"/> (the default) means <see cref="RcuDomain.Default"/>.
    /// The list does not own it: once it is disposed, writes throw <see cref="ObjectDisposedException"/> before they change
    /// anything.
    /// </summary>
    public RcuDomain? Domain { get; init; }

    /// <summary>
    /// Gets whether the list recycles the arrays of replaced versions (pooled mode). Default <see langword="false"/>.
    /// </summary>
    /// <remarks>
    /// In pooled mode a replaced version's array goes back to the list's pool only after a grace period of
    /// <see cref="Domain"/>, so a steady stream of writes at a stable size allocates nothing. Arrays that escaped
    /// through <see cref="RcuList{T}.Snapshot"/> or <see cref="RcuList{T}.GetEnumerator"/> are never recycled.
    /// See <c>docs/list.md</c>.
    /// </remarks>
    public bool PoolArrays { get; init; }

    /// <summary>
    /// Gets how many recycled arrays of one length the pool keeps (pooled mode). Default 64. A write that finds
    /// no array of the length it needs allocates one, so this should cover the number of versions a writer can
    /// retire during one grace period.
    /// </summary>
    public int MaxPooledArraysPerLength { get; init; } = 64;

    /// <summary>
    /// Gets a per-length budget, in elements, that lets the pool keep more than
    /// <see cref="MaxPooledArraysPerLength"/> arrays of short lengths (pooled mode): a length keeps up to
    /// <c>max(MaxPooledArraysPerLength, PooledElementsPerLength / length)</c> arrays. Default 1,048,576 (so a
    /// 16-element list may keep 65,536 arrays, a 64K-element list 64). A writer retires one array per write and gets
    /// it back a grace period later, so short, fast writes need many arrays in flight; 0 disables the budget.
    /// </summary>
    public int PooledElementsPerLength { get; init; } = 1 << 20;

    /// <summary>
    /// Gets how many distinct array lengths the pool keeps at once (pooled mode); the least recently used length
    /// is evicted first. Default 4: enough for writes that alternate between a few sizes (add/remove at a stable
    /// size, batch edits) while a growing or shrinking list keeps only arrays near its current size.
    /// </summary>
    public int MaxPooledLengths { get; init; } = 4;

    internal void Validate()
    {
        if (MaxPooledArraysPerLength < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxPooledArraysPerLength), MaxPooledArraysPerLength, "Must be at least 1.");
        if (PooledElementsPerLength < 0)
            throw new ArgumentOutOfRangeException(nameof(PooledElementsPerLength), PooledElementsPerLength, "Must not be negative.");
        if (MaxPooledLengths < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxPooledLengths), MaxPooledLengths, "Must be at least 1.");
    }
}
