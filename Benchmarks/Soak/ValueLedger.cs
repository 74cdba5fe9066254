namespace RcuCollections.Benchmarks.Soak;

/// <summary>
/// Counts the <see cref="SoakValue"/>s of one collection: how many were stored (so that the collection owns their
/// disposal), how many were disposed, and how many were disposed twice. At a quiescent point after Barrier every
/// stored value that is no longer in the collection must have been disposed exactly once.
/// </summary>
public sealed class ValueLedger
{
    private readonly SoakLog _log;
    private long _stored;
    private long _disposed;
    private long _created;
    private Discrepancy _disposals;

    /// <summary>Creates a ledger.</summary>
    /// <param name="log">The verdict log.</param>
    /// <param name="failures">The ledger of the domain that disposes the values (for the injected Dispose failures).</param>
    /// <param name="name">The collection's name, for messages.</param>
    public ValueLedger(SoakLog log, FailureLedger failures, string name)
    {
        _log = log;
        Failures = failures;
        Name = name;
    }

    /// <summary>Gets the ledger of the domain that disposes the values.</summary>
    public FailureLedger Failures { get; }

    /// <summary>Gets the collection's name.</summary>
    public string Name { get; }

    /// <summary>Gets the values stored in the collection so far.</summary>
    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>Gets the values disposed so far (first disposals only).</summary>
    public long Disposed => Interlocked.Read(ref _disposed);

    /// <summary>Creates a value; every 16th throws from its Dispose (after counting it).</summary>
    /// <param name="key">The key it is stored under (readers check it).</param>
    /// <param name="amount">Its amount (the dictionary ledger's transfers).</param>
    /// <returns>The value.</returns>
    public SoakValue Create(int key, long amount)
    {
        long n = Interlocked.Increment(ref _created);
        return new SoakValue(this, key, amount, throwOnDispose: n % 16 == 0);
    }

    /// <summary>Records that a value was stored in the collection: it now owns its disposal.</summary>
    public void NoteStored() => Interlocked.Increment(ref _stored);

    internal void NoteDisposed() => Interlocked.Increment(ref _disposed);

    internal void NoteDisposedAgain(SoakValue value, int count) =>
        _log.Violation($"{Name}: value of key {value.Key} disposed {count} times");

    /// <summary>At a quiescent point after Barrier: every stored value no longer present was disposed.</summary>
    /// <param name="present">How many values the collection holds now.</param>
    public void CheckDisposals(long present) =>
        _disposals.Check(_log, Stored - present, Disposed, $"{Name}: disposals of removed or replaced values");
}
