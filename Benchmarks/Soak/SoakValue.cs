namespace RcuCollections.Benchmarks.Soak;

/// <summary>
/// A dictionary value that knows whether it was disposed: its dispose count is the poison flag readers check inside
/// their read sections (a disposed value seen there is a violation), and a second Dispose is a violation at once.
/// Some values throw from Dispose, which the domain must report through CallbackFailed and survive.
/// </summary>
public sealed class SoakValue : IDisposable
{
    private readonly ValueLedger _ledger;
    private readonly bool _throwOnDispose;
    private int _disposeCount;

    internal SoakValue(ValueLedger ledger, int key, long amount, bool throwOnDispose)
    {
        _ledger = ledger;
        Key = key;
        Amount = amount;
        _throwOnDispose = throwOnDispose;
    }

    /// <summary>Gets the key this value was created for.</summary>
    public int Key { get; }

    /// <summary>Gets the amount it carries (transfers conserve the sum).</summary>
    public long Amount { get; }

    /// <summary>Gets whether Dispose has run.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposeCount) != 0;

    /// <summary>Counts the disposal; the second one is a violation.</summary>
    public void Dispose()
    {
        int count = Interlocked.Increment(ref _disposeCount);
        if (count != 1)
        {
            _ledger.NoteDisposedAgain(this, count);
            return;
        }
        _ledger.NoteDisposed();
        if (_throwOnDispose)
        {
            _ledger.Failures.NoteThrown();
            throw new SoakInjectedException("value Dispose");
        }
    }
}
