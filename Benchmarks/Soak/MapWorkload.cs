using RcuCollections.AddressSpaces;

namespace RcuCollections.Benchmarks.Soak;

/// <summary>
/// A <see cref="MemoryMap"/> on the world's domain: RAM regions (each with its own <see cref="SoakOwner"/>) are
/// mapped, unmapped, moved and toggled in transactions while readers translate; extra address spaces come and go
/// (some disposed inside a transaction); a counting listener on the main space throws now and then. Readers check,
/// inside their read section, that a translated region's owner is still referenced by a view; quiescent checks
/// compare every owner's view references with the current view after Barrier, and after the map's Dispose every
/// owner must have been released.
/// </summary>
public sealed class MapWorkload
{
    private const int Regions = 12;
    private const int Slots = 24;
    private const ulong SlotStride = 0x1_0000;
    private const ulong RegionSize = 0x1000;
    private const int Extras = 2;

    private static readonly string[] s_regionNames = Names("ram-", Regions);
    private static readonly string[] s_extraNames = Names("extra-", Extras);

    private readonly RcuDomain _domain;
    private readonly SoakLog _log;
    private readonly string _name;
    private readonly MemoryRegion _root;
    private readonly MemoryRegion[] _regions = new MemoryRegion[Regions];
    private readonly SoakOwner[] _owners = new SoakOwner[Regions];
    private readonly bool[] _rendered = new bool[Regions];
    private readonly AddressSpace _main;
    private readonly AddressSpace?[] _extras = new AddressSpace?[Extras];
    private readonly CountingListener _listener = new();
    private long _listenerCaught;
    private long _leakedReported;
    private Mismatch _listenerRanges;
    private Mismatch _listenerThrows;
    private Mismatch _releasedEarly;
    private Mismatch _releaseCounts;
    private Mismatch _listedSpaces;

    /// <summary>Creates the map, its regions and address spaces, and registers the listener.</summary>
    /// <param name="domain">The world's domain.</param>
    /// <param name="failures">The domain's failure ledger (owners' releases may throw).</param>
    /// <param name="log">The verdict log.</param>
    /// <param name="world">The world's name.</param>
    public MapWorkload(RcuDomain domain, FailureLedger failures, SoakLog log, string world)
    {
        _domain = domain;
        _log = log;
        _name = world + "/memory-map";
        Map = new MemoryMap(domain);
        _root = MemoryRegion.Container("soak-root", Slots * SlotStride);
        for (int i = 0; i < Regions; i++)
        {
            _owners[i] = new SoakOwner(failures);
            _regions[i] = MemoryRegion.Ram(s_regionNames[i], RegionSize);
            _regions[i].Owner = _owners[i];
        }
        _main = Map.CreateAddressSpace("soak-main", _root);
        _main.RegisterListener(_listener);
    }

    /// <summary>Gets the map.</summary>
    public MemoryMap Map { get; }

    /// <summary>One writer step: a transaction of one to three mutations, or an address space created or disposed.</summary>
    /// <param name="random">The writer's random stream.</param>
    /// <returns>Operations done.</returns>
    public int Write(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        AddressSpace? disposeAfter = null;
        int operations = 1;
        try
        {
            using (Map.BeginTransaction())
            {
                if (random.Next(12) == 0)
                {
                    disposeAfter = ChurnAddressSpace(random);
                }
                else
                {
                    for (int n = 1 + random.Next(3); n > 0; n--, operations++)
                        Mutate(random);
                }
                if (random.Next(10) == 0)
                    _listener.Arm();
            }
        }
        catch (Exception ex) when (SoakInjectedException.CountIn(ex) > 0)
        {
            NoteListenerThrow(ex);
        }

        if (disposeAfter is not null)
        {
            try
            {
                disposeAfter.Dispose();
            }
            catch (Exception ex) when (SoakInjectedException.CountIn(ex) > 0)
            {
                NoteListenerThrow(ex);
            }
        }
        return operations;
    }

    /// <summary>One reader step: translations in one read section, each checked against the owners.</summary>
    /// <param name="random">The reader's random stream.</param>
    /// <returns>Operations done.</returns>
    public int Read(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        AddressSpace space = random.Next(4) == 0 ? Volatile.Read(ref _extras[random.Next(Extras)]) ?? _main : _main;
        if (random.Next(16) == 0)
        {
            // A lease keeps the view's owners referenced without a read section.
            using FlatViewLease lease = space.AcquireView();
            for (int i = 0; i < 4; i++)
                CheckTranslation(lease.View.Translate(RandomAddress(random)), "a leased view");
            return 5;
        }

        using RcuReadGuard guard = _domain.ReadLock();
        for (int i = 0; i < 8; i++)
            CheckTranslation(space.Translate(RandomAddress(random)), "a read section");
        Span<byte> bytes = stackalloc byte[8];
        space.Read(RandomAddress(random), bytes);
        return 9;
    }

    /// <summary>
    /// At a quiescent point after Barrier: the listener agrees with the view, every injected listener exception reached
    /// a writer, and each owner is referenced exactly by the current view (a leftover reference is a release that never
    /// came; a missing one, an owner released while its region is still rendered).
    /// </summary>
    public void CheckAfterBarrier()
    {
        int live = 1;
        foreach (AddressSpace? extra in _extras)
            live += extra is null ? 0 : 1;
        _listedSpaces.Check(_log, live, Map.AddressSpaces.Count,
            $"{_name}: address spaces the map lists (expected: the main one and the live extras; a disposed one still listed is never freed)");

        FlatView view = _main.CurrentView;
        _listenerRanges.Check(_log, view.Ranges.Count, _listener.Ranges, $"{_name}: ranges the listener holds (expected: the current view's)");
        CheckListenerThrows();

        Array.Clear(_rendered);
        foreach (FlatRange range in view.Ranges)
        {
            int index = IndexOf(range.Region);
            if (index >= 0)
                _rendered[index] = true;
        }
        long leaked = 0, early = 0, releaseMismatches = 0;
        for (int i = 0; i < Regions; i++)
        {
            int references = _owners[i].ViewReferenceCount;
            int expected = _rendered[i] ? 1 : 0;
            if (references > expected)
                leaked += references - expected;
            else if (references < expected)
                early++;
            if (_owners[i].Releases != _owners[i].ReleaseCount)
                releaseMismatches++;
        }
        ReportLeaks(leaked, "view references on region owners beyond the current view's, after Barrier (views replaced or dropped were never released)");
        _releasedEarly.Check(_log, 0, early, $"{_name}: owners of rendered regions with no view reference");
        _releaseCounts.Check(_log, 0, releaseMismatches, $"{_name}: owners whose OnReleased calls differ from ReleaseCount");
    }

    /// <summary>
    /// Teardown: disposes the map (half the time inside a transaction, now and then with the listener armed) and checks
    /// that it refuses further use.
    /// </summary>
    /// <param name="random">The controller's random stream.</param>
    public void Dispose(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (random.Next(4) == 0)
            _listener.Arm();
        else
            _listener.Disarm();
        try
        {
            if (random.Next(2) == 0)
            {
                IDisposable transaction = Map.BeginTransaction();
                try
                {
                    Map.Dispose();
                }
                finally
                {
                    transaction.Dispose();
                }
            }
            else
            {
                Map.Dispose();
            }
        }
        catch (Exception ex) when (SoakInjectedException.CountIn(ex) > 0)
        {
            NoteListenerThrow(ex);
        }

        try
        {
            Map.BeginTransaction().Dispose();
            _log.Violation($"{_name}: the map accepted a transaction after Dispose");
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>After the map's Dispose and a Barrier: every owner released (no view references left).</summary>
    public void CheckReleasedAfterDispose()
    {
        CheckListenerThrows();
        long leaked = 0;
        for (int i = 0; i < Regions; i++)
            leaked += _owners[i].ViewReferenceCount;
        ReportLeaks(leaked, "view references on region owners left after the map was disposed and Barrier returned (never released)");
    }

    private void Mutate(Random random)
    {
        MemoryRegion region = _regions[random.Next(Regions)];
        if (region.Parent is null)
        {
            _root.AddSubregion(RandomSlot(random), region, random.Next(3));
            return;
        }
        switch (random.Next(3))
        {
            case 0:
                _root.RemoveSubregion(region);
                break;
            case 1:
                region.SetAddress(RandomSlot(random)); // remap
                break;
            default:
                region.SetEnabled(!region.Enabled);
                break;
        }
    }

    /// <summary>Creates a missing extra address space, or removes one; half the removals dispose it right here, inside the transaction.</summary>
    /// <returns>A space for the caller to dispose after the transaction, or null.</returns>
    private AddressSpace? ChurnAddressSpace(Random random)
    {
        int index = random.Next(Extras);
        AddressSpace? space = _extras[index];
        if (space is null)
        {
            Volatile.Write(ref _extras[index], Map.CreateAddressSpace(s_extraNames[index], _root));
            return null;
        }
        Volatile.Write(ref _extras[index], null);
        if (random.Next(2) == 0)
            return space;
        space.Dispose();
        return null;
    }

    private void CheckTranslation(TranslationResult translation, string where)
    {
        if (translation.IsUnassigned)
            return;
        int index = IndexOf(translation.Region);
        if (index < 0)
        {
            _log.Violation($"{_name}: a translation in {where} returned {translation.Region}, which was never mapped");
            return;
        }
        if (translation.OffsetInRegion >= RegionSize)
            _log.Violation($"{_name}: a translation in {where} returned offset {translation.OffsetInRegion} in {translation.Region} of size {RegionSize}");
        if (_owners[index].ViewReferenceCount <= 0)
            _log.Violation($"{_name}: {translation.Region} translated in {where}, but its owner was already released");
    }

    private void NoteListenerThrow(Exception exception) =>
        Interlocked.Add(ref _listenerCaught, SoakInjectedException.CountIn(exception));

    private void CheckListenerThrows() =>
        _listenerThrows.Check(_log, _listener.Thrown, Interlocked.Read(ref _listenerCaught),
            $"{_name}: injected listener exceptions rethrown to writers (expected: thrown)");

    private void ReportLeaks(long leaked, string what)
    {
        if (leaked > _leakedReported)
        {
            _log.Lost(leaked - _leakedReported, $"{_name}: {leaked} {what}");
            _leakedReported = leaked;
        }
    }

    private int IndexOf(MemoryRegion region)
    {
        for (int i = 0; i < Regions; i++)
        {
            if (ReferenceEquals(_regions[i], region))
                return i;
        }
        return -1;
    }

    private static ulong RandomSlot(Random random) => (ulong)random.Next(Slots) * SlotStride;

    // A few addresses past each region's end: they must translate as unassigned (or to an overlapping region).
    private static ulong RandomAddress(Random random) => RandomSlot(random) + (ulong)random.Next((int)RegionSize + 0x200);

    private static string[] Names(string prefix, int count)
    {
        var names = new string[count];
        for (int i = 0; i < count; i++)
            names[i] = prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return names;
    }
}
