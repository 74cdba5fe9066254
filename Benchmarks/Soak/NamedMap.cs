namespace RcuCollections.Benchmarks.Soak;

/// <summary>
/// An <see cref="RcuDictionary{TKey, TValue}"/> with string keys, disposable values and a comparer that throws on
/// request. The keys are split into lanes; a writer thread holds one lane for its whole burst, so it alone writes
/// those keys and keeps an exact model of them: every result is checked against the model at once (including that
/// an operation whose comparer threw changed nothing), and the whole map against it at quiescence.
/// </summary>
public sealed class NamedMap
{
    /// <summary>The number of keys.</summary>
    public const int KeyCount = 256;

    private const int Lanes = 8;

    private static readonly string[] s_names = CreateNames();

    private readonly RcuDomain _domain;
    private readonly SoakLog _log;
    private readonly string _name;
    private readonly ValueLedger _values;
    private readonly SoakValue?[] _expected = new SoakValue?[KeyCount];
    private readonly int[] _laneHeld = new int[Lanes];
    private int _expectedCount;
    private Mismatch _count;

    /// <summary>Creates the dictionary on <paramref name="domain"/>.</summary>
    /// <param name="domain">The world's domain.</param>
    /// <param name="failures">The domain's failure ledger.</param>
    /// <param name="log">The verdict log.</param>
    /// <param name="world">The world's name.</param>
    public NamedMap(RcuDomain domain, FailureLedger failures, SoakLog log, string world)
    {
        _domain = domain;
        _log = log;
        _name = world + "/string-dictionary";
        _values = new ValueLedger(log, failures, _name);
        Map = new RcuDictionary<string, SoakValue>(
            new RcuDictionaryOptions { Domain = domain, DisposeRemovedValues = true, SegmentCount = 2 },
            ThrowingStringComparer.Instance);
    }

    /// <summary>Gets the dictionary.</summary>
    public RcuDictionary<string, SoakValue> Map { get; }

    /// <summary>Claims a free lane for the calling writer's burst.</summary>
    /// <param name="scratch">The writer's scratch (records the lane).</param>
    public void ClaimLane(WorkerScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        int start = scratch.Random.Next(Lanes);
        for (int i = 0; i < Lanes; i++)
        {
            int lane = (start + i) % Lanes;
            if (Interlocked.CompareExchange(ref _laneHeld[lane], 1, 0) == 0)
            {
                scratch.Lane = lane;
                return;
            }
        }
        scratch.Lane = -1;
    }

    /// <summary>Releases the lane at the end of the burst.</summary>
    /// <param name="scratch">The writer's scratch.</param>
    public void ReleaseLane(WorkerScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        if (scratch.Lane >= 0)
            Volatile.Write(ref _laneHeld[scratch.Lane], 0);
        scratch.Lane = -1;
    }

    /// <summary>One writer step on a key of the caller's lane, checked against the model.</summary>
    /// <param name="scratch">The writer's scratch.</param>
    /// <returns>Operations done.</returns>
    public int Write(WorkerScratch scratch)
    {
        ArgumentNullException.ThrowIfNull(scratch);
        if (scratch.Lane < 0)
            return 0;
        Random random = scratch.Random;
        int key = scratch.Lane + Lanes * random.Next(KeyCount / Lanes);
        bool armed = random.Next(6) == 0;
        if (armed)
            ThrowingStringComparer.Arm(1 + random.Next(2));
        try
        {
            Apply(key, random.Next(6));
        }
        catch (SoakInjectedException)
        {
            ThrowingStringComparer.Disarm();
            // The comparer threw: the operation must have changed nothing.
            SoakValue? actual = Map.TryGetValue(s_names[key], out SoakValue? value) ? value : null;
            if (!ReferenceEquals(actual, _expected[key]))
                _log.Violation($"{_name}: an operation on '{s_names[key]}' whose comparer threw changed the map");
        }
        finally
        {
            ThrowingStringComparer.Disarm();
        }
        return 2;
    }

    /// <summary>One reader step: lookups inside a read section, and now and then a lookup whose comparer throws.</summary>
    /// <param name="random">The reader's random stream.</param>
    /// <returns>Operations done.</returns>
    public int Read(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (random.Next(16) == 0)
        {
            ThrowingStringComparer.Arm(1 + random.Next(2));
            try
            {
                Map.TryGetValue(s_names[random.Next(KeyCount)], out _);
            }
            catch (SoakInjectedException)
            {
                if (_domain.InReadSection)
                    _log.Violation($"{_name}: a lookup whose comparer threw left the thread inside a read section");
            }
            finally
            {
                ThrowingStringComparer.Disarm();
            }
        }

        using RcuReadGuard guard = _domain.ReadLock();
        for (int i = 0; i < 4; i++)
        {
            int key = random.Next(KeyCount);
            if (Map.TryGetValue(s_names[key], out SoakValue? value))
            {
                if (value.IsDisposed)
                    _log.Violation($"{_name}: the value of '{s_names[key]}' was already disposed (seen inside a read section)");
                if (value.Key != key)
                    _log.Violation($"{_name}: '{s_names[key]}' maps to a value created for '{s_names[value.Key]}'");
            }
        }
        return 5;
    }

    /// <summary>At a quiescent point: every key as the model says, Count exact, enumeration exact.</summary>
    /// <param name="seen">A scratch counter array of at least <see cref="KeyCount"/> entries.</param>
    /// <returns>How many values the dictionary holds.</returns>
    public long CheckQuiescent(int[] seen)
    {
        ArgumentNullException.ThrowIfNull(seen);
        for (int key = 0; key < KeyCount; key++)
        {
            SoakValue? actual = Map.TryGetValue(s_names[key], out SoakValue? value) ? value : null;
            if (!ReferenceEquals(actual, _expected[key]))
                _log.Violation($"{_name}: '{s_names[key]}' at quiescence: {Describe(actual)}, the model says {Describe(_expected[key])}");
            if (actual is not null && actual.IsDisposed)
                _log.Violation($"{_name}: '{s_names[key]}' at quiescence holds a disposed value");
        }
        int expectedCount = Volatile.Read(ref _expectedCount);
        _count.Check(_log, expectedCount, Map.Count, $"{_name}: Count at quiescence (expected: the model's count)");

        Array.Clear(seen, 0, KeyCount);
        using (_domain.ReadLock())
        {
            foreach (KeyValuePair<string, SoakValue> pair in Map)
            {
                int key = pair.Value.Key;
                if (!string.Equals(pair.Key, s_names[key], StringComparison.Ordinal))
                    _log.Violation($"{_name}: enumeration paired '{pair.Key}' with the value of '{s_names[key]}'");
                else if (++seen[key] == 2)
                    _log.Violation($"{_name}: enumeration yielded '{pair.Key}' twice at quiescence");
            }
        }
        for (int key = 0; key < KeyCount; key++)
        {
            int expected = _expected[key] is null ? 0 : 1;
            if (seen[key] != expected)
                _log.Violation($"{_name}: enumeration at quiescence yielded '{s_names[key]}' {seen[key]} times, the model says {expected}");
        }
        return expectedCount;
    }

    /// <summary>After Barrier: every value that left was disposed once.</summary>
    /// <param name="present">The values the dictionary holds.</param>
    public void CheckDisposals(long present) => _values.CheckDisposals(present);

    /// <summary>Teardown: Clear hands every value to the domain; the model follows.</summary>
    public void Clear()
    {
        Map.Clear();
        Array.Clear(_expected);
        Volatile.Write(ref _expectedCount, 0);
    }

    private void Apply(int key, int operation)
    {
        string name = s_names[key];
        SoakValue? expected = _expected[key];
        switch (operation)
        {
            case 0:
            {
                SoakValue value = _values.Create(key, 0);
                bool added = Map.TryAdd(name, value);
                if (added != expected is null)
                    _log.Violation($"{_name}: TryAdd('{name}') returned {added}; the model says the key is {(expected is null ? "absent" : "present")}");
                if (added)
                    Stored(key, value);
                break;
            }
            case 1:
            {
                bool removed = Map.TryRemove(name, out SoakValue? old);
                if (removed != expected is not null || (removed && !ReferenceEquals(old, expected)))
                    _log.Violation($"{_name}: TryRemove('{name}') returned {removed} with {Describe(old)}; the model says {Describe(expected)}");
                if (removed)
                {
                    _expected[key] = null;
                    Interlocked.Decrement(ref _expectedCount);
                }
                break;
            }
            case 2 when expected is not null:
            {
                SoakValue value = _values.Create(key, 0);
                if (!Map.TryUpdate(name, value, expected))
                    _log.Violation($"{_name}: TryUpdate('{name}') against the current value failed");
                else
                    Stored(key, value);
                break;
            }
            case 3:
            {
                SoakValue value = _values.Create(key, 0);
                Map[name] = value;
                Stored(key, value);
                break;
            }
            case 4:
            {
                SoakValue value = _values.Create(key, 0);
                SoakValue result = Map.GetOrAdd(name, value);
                if (!ReferenceEquals(result, expected ?? value))
                    _log.Violation($"{_name}: GetOrAdd('{name}') returned {Describe(result)}; the model says {Describe(expected)}");
                if (expected is null && ReferenceEquals(result, value))
                    Stored(key, value);
                break;
            }
            default:
            {
                SoakValue? actual = Map.TryGetValue(name, out SoakValue? value) ? value : null;
                if (!ReferenceEquals(actual, expected))
                    _log.Violation($"{_name}: TryGetValue('{name}') returned {Describe(actual)}; the model says {Describe(expected)}");
                break;
            }
        }
    }

    private void Stored(int key, SoakValue value)
    {
        if (_expected[key] is null)
            Interlocked.Increment(ref _expectedCount);
        _expected[key] = value;
        _values.NoteStored();
    }

    private static string Describe(SoakValue? value) => value is null ? "no value" : $"a value of '{s_names[value.Key]}'";

    private static string[] CreateNames()
    {
        var names = new string[KeyCount];
        for (int i = 0; i < KeyCount; i++)
            names[i] = "key-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return names;
    }
}
