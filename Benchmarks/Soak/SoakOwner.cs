using RcuCollections.AddressSpaces;

namespace RcuCollections.Benchmarks.Soak;

/// <summary>
/// The owner of one soak region: counts its releases, and one release in eight throws (the map reports it through
/// the domain's CallbackFailed, wrapped in an AggregateException, and must still release the view's other owners).
/// </summary>
public sealed class SoakOwner : MemoryRegionOwner
{
    private readonly FailureLedger _failures;
    private int _releases;

    /// <summary>Creates the owner.</summary>
    /// <param name="failures">The ledger of the domain whose callback thread releases it.</param>
    public SoakOwner(FailureLedger failures)
    {
        _failures = failures;
    }

    /// <summary>Gets how many times <see cref="OnReleased"/> ran.</summary>
    public int Releases => Volatile.Read(ref _releases);

    /// <inheritdoc />
    protected override void OnReleased()
    {
        if (Interlocked.Increment(ref _releases) % 8 == 0)
        {
            _failures.NoteThrown();
            throw new SoakInjectedException("region owner release");
        }
    }
}
