namespace RcuCollections.Tests.Dictionary.Linearizability;

/// <summary>
/// One run's map with the executor of <see cref="DictionaryOperation"/>s. The comparison value of TryUpdate and
/// TryRemove(pair) is the value some thread last saw for the key (<see cref="_lastSeen"/>), so that conditional calls
/// often match; the value actually used is recorded in the result, which is all the model needs.
/// </summary>
/// <typeparam name="TValue">The map's value type.</typeparam>
/// <param name="map">A fresh map.</param>
/// <param name="codec">Maps model values to <typeparamref name="TValue"/>.</param>
/// <param name="keyCount">Keys are 0 .. keyCount - 1.</param>
/// <param name="afterRun">Called with the map when the run is over (the property disposes this object), or null.</param>
public sealed class DictionaryUnderTest<TValue>(IConcurrentMap<int, TValue> map, IValueCodec<TValue> codec, int keyCount, Action<IConcurrentMap<int, TValue>>? afterRun = null) : IDisposable
{
    /// <summary>The model value some thread last saw per key; 0 (never written) until then.</summary>
    /// <remarks>Only a hint for choosing comparison values: races on it are benign, and plain Volatile accesses suffice.</remarks>
    private readonly int[] _lastSeen = new int[keyCount];

    /// <summary>Performs one operation and returns what it observed; runs on several threads at once.</summary>
    public DictionaryResult Execute(DictionaryOperation operation)
    {
        int key = operation.Key;
        switch (operation.Command)
        {
            case DictionaryCommand.TryGetValue:
                return map.TryGetValue(key, out TValue? found) ? Saw(key, codec.Decode(found)) : new DictionaryResult(false, 0);

            case DictionaryCommand.ContainsKey:
                return new DictionaryResult(map.ContainsKey(key), 0);

            case DictionaryCommand.IndexerGet:
                TValue got;
                try
                {
                    got = map[key];
                }
                catch (KeyNotFoundException)
                {
                    return new DictionaryResult(false, 0); // documented behaviour for an absent key: an output, not a failure
                }

                return Saw(key, codec.Decode(got));

            case DictionaryCommand.TryAdd:
                bool added = map.TryAdd(key, codec.Encode(operation.Value));
                if (added)
                {
                    Remember(key, operation.Value);
                }

                return new DictionaryResult(added, 0);

            case DictionaryCommand.TryRemove:
                return map.TryRemove(key, out TValue? removed) ? new DictionaryResult(true, codec.Decode(removed)) : new DictionaryResult(false, 0);

            case DictionaryCommand.TryRemovePair:
                int expected = Volatile.Read(ref _lastSeen[key]);
                return new DictionaryResult(map.TryRemove(new KeyValuePair<int, TValue>(key, codec.Encode(expected))), 0, expected);

            case DictionaryCommand.TryUpdate:
                int comparison = Volatile.Read(ref _lastSeen[key]);
                bool updated = map.TryUpdate(key, codec.Encode(operation.Value), codec.Encode(comparison));
                if (updated)
                {
                    Remember(key, operation.Value);
                }

                return new DictionaryResult(updated, 0, comparison);

            case DictionaryCommand.IndexerSet:
                map[key] = codec.Encode(operation.Value);
                Remember(key, operation.Value);
                return new DictionaryResult(true, 0);

            case DictionaryCommand.GetOrAddValue:
                return Saw(key, codec.Decode(map.GetOrAdd(key, codec.Encode(operation.Value))));

            case DictionaryCommand.GetOrAddFactory:
            {
                var factories = new FactoryRecorder<TValue>(operation, codec);
                TValue value = map.GetOrAdd(key, factories.Get);
                return Saw(key, codec.Decode(value)) with { FactoryCalls = factories.Calls };
            }

            case DictionaryCommand.GetOrAddFactoryArgument:
            {
                var factories = new FactoryRecorder<TValue>(operation, codec);
                TValue value = map.GetOrAdd(key, factories.Get, factories.Argument);
                return Saw(key, codec.Decode(value)) with { FactoryCalls = factories.Calls };
            }

            case DictionaryCommand.AddOrUpdateValue:
            {
                var factories = new FactoryRecorder<TValue>(operation, codec);
                TValue value = map.AddOrUpdate(key, codec.Encode(operation.Value), factories.Update);
                return Saw(key, codec.Decode(value)) with { FactoryCalls = factories.Calls };
            }

            case DictionaryCommand.AddOrUpdateFactories:
            {
                var factories = new FactoryRecorder<TValue>(operation, codec);
                TValue value = map.AddOrUpdate(key, factories.Add, factories.Update);
                return Saw(key, codec.Decode(value)) with { FactoryCalls = factories.Calls };
            }

            case DictionaryCommand.AddOrUpdateFactoriesArgument:
            {
                var factories = new FactoryRecorder<TValue>(operation, codec);
                TValue value = map.AddOrUpdate(key, factories.Add, factories.Update, factories.Argument);
                return Saw(key, codec.Decode(value)) with { FactoryCalls = factories.Calls };
            }

            case DictionaryCommand.QuiescentSnapshot:
                return QuiescentSnapshot(key);

            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation.Command, "Unknown command.");
        }
    }

    /// <inheritdoc/>
    public void Dispose() => afterRun?.Invoke(map);

    private DictionaryResult Saw(int key, int value)
    {
        Remember(key, value);
        return new DictionaryResult(true, value);
    }

    private void Remember(int key, int value) => Volatile.Write(ref _lastSeen[key], value); // a hint only: see _lastSeen

    /// <summary>
    /// At quiescence (sequential parts only), every whole-map view must agree: Count, IsEmpty, Keys, Values, ToArray,
    /// enumeration and per-key lookups. Returns the key's presence and value in the enumeration, for the model.
    /// </summary>
    private DictionaryResult QuiescentSnapshot(int key)
    {
        KeyValuePair<int, TValue>[] pairs = map.ToArray();
        var enumerated = new Dictionary<int, TValue>();
        string? error = null;
        foreach (KeyValuePair<int, TValue> pair in map)
        {
            if (!enumerated.TryAdd(pair.Key, pair.Value))
            {
                error ??= $"enumeration yielded key {pair.Key} twice";
            }
        }

        int count = map.Count;
        if (count != pairs.Length || count != enumerated.Count || count != map.Keys.Count || count != map.Values.Count)
        {
            error ??= $"Count {count}, ToArray {pairs.Length}, enumeration {enumerated.Count}, Keys {map.Keys.Count}, Values {map.Values.Count}";
        }

        if (map.IsEmpty != (count == 0))
        {
            error ??= $"IsEmpty {map.IsEmpty} with Count {count}";
        }

        for (int k = 0; k < keyCount; k++)
        {
            bool listed = enumerated.TryGetValue(k, out TValue? listedValue);
            bool looked = map.TryGetValue(k, out TValue? lookedValue);
            if (listed != looked || (listed && codec.Decode(listedValue!) != codec.Decode(lookedValue!)))
            {
                error ??= $"key {k}: enumeration {(listed ? codec.Decode(listedValue!) : "absent")}, TryGetValue {(looked ? codec.Decode(lookedValue!) : "absent")}";
            }
        }

        if (pairs.DistinctBy(p => p.Key).Count() != pairs.Length
            || pairs.Any(p => p.Key < 0 || p.Key >= keyCount || !enumerated.TryGetValue(p.Key, out TValue? v) || codec.Decode(v) != codec.Decode(p.Value)))
        {
            error ??= "ToArray and the enumeration disagree, or hold a key never written";
        }

        return enumerated.TryGetValue(key, out TValue? value)
            ? new DictionaryResult(true, codec.Decode(value), QuiescentError: error)
            : new DictionaryResult(false, 0, QuiescentError: error);
    }
}
