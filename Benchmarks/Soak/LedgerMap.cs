namespace RcuCollections.Benchmarks.Soak;

/// <summary>
/// An <see cref="RcuDictionary{TKey, TValue}"/> with int keys and disposable values (<c>DisposeRemovedValues</c>).
/// Keys below <see cref="TransferKeys"/> are never removed and carry amounts that writers move between them
/// (sum-conserving transfers: two TryUpdate calls, debit then credit); the keys above them are added, replaced and
/// removed with amount 0. The dictionary gives no consistent multi-key snapshot (its enumeration is per segment), so
/// the sum is checked only at quiescence; readers check what holds at every moment: no disposed value inside a read
/// section, every stable key found, each stable key yielded exactly once and no key twice by one enumeration.
/// </summary>
public sealed class LedgerMap
{
    /// <summary>
    /// The keys that are never removed and hold the amounts. A large stable population (replaced values do not change
    /// the table) keeps the heap series' sample-to-sample noise, the churned tables' varying sizes, well under the 10 %
    /// of the verdict rule.
    /// </summary>
    public const int TransferKeys = 2048;

    /// <summary>All keys: the transfer keys plus the churned ones.</summary>
    public const int KeySpace = 2560;

    private const long InitialAmount = 1_000;

    private readonly RcuDomain _domain;
    private readonly SoakLog _log;
    private readonly string _name;
    private readonly ValueLedger _values;
    private Mismatch _sum;
    private Mismatch _count;

    /// <summary>Creates the dictionary on <paramref name="domain"/> and stores the transfer keys.</summary>
    /// <param name="domain">The world's domain.</param>
    /// <param name="failures">The domain's failure ledger.</param>
    /// <param name="log">The verdict log.</param>
    /// <param name="world">The world's name.</param>
    public LedgerMap(RcuDomain domain, FailureLedger failures, SoakLog log, string world)
    {
        _domain = domain;
        _log = log;
        _name = world + "/int-dictionary";
        _values = new ValueLedger(log, failures, _name);
        // Few segments: rebuilds, compactions and spare tables come round often.
        Map = new RcuDictionary<int, SoakValue>(new RcuDictionaryOptions { Domain = domain, DisposeRemovedValues = true, SegmentCount = 8 });
        for (int key = 0; key < TransferKeys; key++)
        {
            if (!Map.TryAdd(key, _values.Create(key, InitialAmount)))
                log.Violation($"{_name}: TryAdd of key {key} into an empty dictionary failed");
            _values.NoteStored();
        }
    }

    /// <summary>Gets the dictionary.</summary>
    public RcuDictionary<int, SoakValue> Map { get; }

    /// <summary>One writer step: a transfer or a churn operation.</summary>
    /// <param name="random">The worker's random stream.</param>
    /// <returns>Operations done.</returns>
    public int Write(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.Next(3) == 0 ? Transfer(random) : Churn(random);
    }

    /// <summary>One reader step inside one read section of the domain: point reads, or an enumeration.</summary>
    /// <param name="scratch">The worker's scratch.</param>
    /// <returns>Operations done.</returns>
    public int Read(WorkerScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        Random random = scratch.Random;
        using RcuReadGuard guard = _domain.ReadLock();
        if (random.Next(40) == 0)
            return Enumerate(scratch.Seen);

        int count = Map.Count;
        if (count < TransferKeys || count > KeySpace)
            _log.Violation($"{_name}: Count {count} outside [{TransferKeys}, {KeySpace}] while every transfer key is present");
        for (int i = 0; i < 8; i++)
        {
            int key = random.Next(KeySpace);
            if (Map.TryGetValue(key, out SoakValue? value))
            {
                CheckValue(key, value, "TryGetValue");
                Thread.SpinWait(20);
                // Still inside the section that found it: a grace period cannot have ended, so it cannot be disposed.
                CheckValue(key, value, "TryGetValue, re-checked later in the same section");
            }
            else if (key < TransferKeys)
            {
                _log.Violation($"{_name}: transfer key {key} (never removed) not found");
            }
        }
        return 9;
    }

    /// <summary>At a quiescent point: the sum, the count, and an enumeration against point lookups.</summary>
    /// <param name="seen">A scratch counter array of at least <see cref="KeySpace"/> entries.</param>
    /// <returns>How many values the dictionary holds (for the disposal check).</returns>
    public long CheckQuiescent(int[] seen)
    {
        ArgumentNullException.ThrowIfNull(seen);
        long sum = 0;
        int found = 0;
        for (int key = 0; key < KeySpace; key++)
        {
            if (!Map.TryGetValue(key, out SoakValue? value))
            {
                if (key < TransferKeys)
                    _log.Violation($"{_name}: transfer key {key} missing at quiescence");
                continue;
            }
            found++;
            CheckValue(key, value, "quiescent lookup");
            if (key < TransferKeys)
                sum += value.Amount;
            else if (value.Amount != 0)
                _log.Violation($"{_name}: churn key {key} holds amount {value.Amount}, not 0");
        }
        _sum.Check(_log, TransferKeys * InitialAmount, sum, $"{_name}: sum of the transfer keys at quiescence");
        _count.Check(_log, found, Map.Count, $"{_name}: Count at quiescence (expected: keys found by lookups)");
        using (_domain.ReadLock())
        {
            int enumerated = Enumerate(seen) - 1;
            if (enumerated != found)
                _log.Violation($"{_name}: enumeration at quiescence yielded {enumerated} pairs, lookups found {found}");
        }
        return found;
    }

    /// <summary>After Barrier: every value that left was disposed once.</summary>
    /// <param name="present">The values the dictionary holds.</param>
    public void CheckDisposals(long present) => _values.CheckDisposals(present);

    /// <summary>Teardown: Clear hands every value to the domain.</summary>
    public void Clear() => Map.Clear();

    private int Transfer(Random random)
    {
        int from = random.Next(TransferKeys);
        int to = (from + 1 + random.Next(TransferKeys - 1)) % TransferKeys;
        long amount = 1 + random.Next(50);
        int debit = Adjust(from, -amount);
        int credit = Adjust(to, amount);
        return debit + credit;
    }

    /// <summary>Adds <paramref name="delta"/> to a transfer key with a TryUpdate loop (another writer may win a round).</summary>
    private int Adjust(int key, long delta)
    {
        for (int attempt = 1; ; attempt++)
        {
            if (!Map.TryGetValue(key, out SoakValue? current))
            {
                _log.Violation($"{_name}: transfer key {key} not found by a writer");
                return attempt;
            }
            SoakValue next = _values.Create(key, current.Amount + delta);
            if (Map.TryUpdate(key, next, current))
            {
                _values.NoteStored();
                return attempt * 2;
            }
            if (attempt % 64 == 0)
                Thread.Yield();
        }
    }

    private int Churn(Random random)
    {
        int key = TransferKeys + random.Next(KeySpace - TransferKeys);
        switch (random.Next(6))
        {
            case 0:
                if (Map.TryAdd(key, _values.Create(key, 0)))
                    _values.NoteStored();
                break;
            case 1:
                // The removed value is not checked: outside a read section a grace period may already have disposed it.
                Map.TryRemove(key, out _);
                break;
            case 2:
                Map[key] = _values.Create(key, 0);
                _values.NoteStored();
                break;
            case 3:
                SoakValue offered = _values.Create(key, 0);
                if (ReferenceEquals(Map.GetOrAdd(key, offered), offered))
                    _values.NoteStored();
                break;
            case 4:
                // The factories may run more than once; only the returned value was stored by this call.
                SoakValue stored = Map.AddOrUpdate(key,
                    static (k, ledger) => ledger.Create(k, 0),
                    static (k, _, ledger) => ledger.Create(k, 0),
                    _values);
                if (stored.Key != key)
                    _log.Violation($"{_name}: AddOrUpdate of key {key} returned a value created for key {stored.Key}");
                _values.NoteStored();
                break;
            default:
                if (Map.TryGetValue(key, out SoakValue? old) && Map.TryUpdate(key, _values.Create(key, 0), old))
                    _values.NoteStored();
                break;
        }
        return 1;
    }

    /// <summary>Enumerates inside the caller's read section; returns the pairs yielded plus one (the enumeration itself).</summary>
    private int Enumerate(int[] seen)
    {
        Array.Clear(seen, 0, KeySpace);
        int pairs = 0;
        foreach (KeyValuePair<int, SoakValue> pair in Map)
        {
            pairs++;
            if ((uint)pair.Key >= KeySpace)
            {
                _log.Violation($"{_name}: enumeration yielded key {pair.Key}, which was never stored");
                continue;
            }
            if (++seen[pair.Key] == 2)
                _log.Violation($"{_name}: enumeration yielded key {pair.Key} twice");
            CheckValue(pair.Key, pair.Value, "enumeration");
        }
        for (int key = 0; key < TransferKeys; key++)
        {
            if (seen[key] != 1)
                _log.Violation($"{_name}: enumeration yielded transfer key {key} (present throughout) {seen[key]} times");
        }
        return pairs + 1;
    }

    private void CheckValue(int key, SoakValue value, string where)
    {
        if (value.IsDisposed)
            _log.Violation($"{_name}: {where}: the value of key {key} was already disposed (seen inside a read section)");
        if (value.Key != key)
            _log.Violation($"{_name}: {where}: key {key} maps to a value created for key {value.Key}");
    }
}
