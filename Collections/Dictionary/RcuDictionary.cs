using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace RcuCollections;

/// <summary>
/// A thread-safe hash map with the <see cref="System.Collections.Concurrent.ConcurrentDictionary{TKey, TValue}"/>
/// surface whose reads are wait-free and write no shared memory, whose inserts allocate nothing in steady state,
/// and which releases what it removes only after an RCU grace period.
/// </summary>
/// <remarks>
/// <para>
/// <b>Design.</b> Keys are spread over a fixed power-of-two number of segments. Each segment has its own writer
/// lock and an index-chained table (an <c>int[]</c> of chain heads and an array of entry structs) published with
/// a release store. A reader enters a read-side section of the dictionary's <see cref="RcuDomain"/>, loads the
/// segment's table, and walks the chain comparing hash codes, then keys: no lock, no retry, no shared write.
/// A writer changes one segment under its lock, RCU style: a new or replacing entry is written completely into a
/// slot no reader can reach and then published by one release store of a link; a removed or replaced slot is
/// reused only after a grace period, so a reader standing on it never sees it rewritten. A segment grows or
/// shrinks by building a new table and publishing it; readers still on the old one finish there, and its arrays
/// return to the pool after a grace period.
/// </para>
/// <para>
/// <b>Guarantees</b> (in the spirit of liburcu's rculfhash A–G; "ordered" means one operation returned before
/// the other began, on any threads):
/// </para>
/// <list type="bullet">
/// <item><description><b>A. Read after write.</b> A read ordered after a write sees that write or a later one of the same key.</description></item>
/// <item><description><b>B. Read before write.</b> A read ordered before a write never sees it.</description></item>
/// <item><description><b>C. Concurrent read.</b> A read concurrent with writes of its key returns the value of one of them or the value
/// present before them, never a torn or never-stored pair; a read concurrent with a replace always finds the key (exactly one instance).</description></item>
/// <item><description><b>D. Writes.</b> Writes to one key are linearizable (they take the key's segment lock); ordered writes see earlier ones,
/// concurrent ones get some order. Writes to different keys are unordered. Every single-key operation is linearizable.</description></item>
/// <item><description><b>E. Reclamation.</b> After a grace period that follows a remove or replace, no operation can see the old pair;
/// only then is its slot reused, and (with <see cref="RcuDictionaryOptions.DisposeRemovedValues"/>) its value disposed.
/// A value is safe to use without a grace period only inside a read section of the dictionary's domain that the caller
/// holds across the lookup and the use.</description></item>
/// <item><description><b>F. Uniqueness.</b> The dictionary never holds two entries for one key; one enumeration never yields a key twice.</description></item>
/// <item><description><b>G. Enumeration.</b> Lock-free; not a moment-in-time snapshot. It visits the segments in turn, each in one read
/// section: a key present (with whatever values) for the whole enumeration is yielded exactly once; a key added or removed during
/// it may or may not be yielded. <see cref="Count"/>, <see cref="Keys"/>, <see cref="Values"/> and <see cref="ToArray"/> have the same
/// semantics (they take no lock, unlike ConcurrentDictionary's); <see cref="Count"/> is exact at quiescence.</description></item>
/// </list>
/// <para>
/// <b>Factories.</b> As with ConcurrentDictionary, the factories of <c>GetOrAdd</c> and <c>AddOrUpdate</c> run outside any
/// lock and read section, so they may run more than once for one call when writers race (and several calls may run them
/// concurrently), but only one result per successful call is stored. A factory or comparer that throws leaves the map unchanged.
/// </para>
/// <para>
/// <b>Hostile keys.</b> The segment and bucket are taken from the top bits of the 32-bit hash code multiplied by a
/// per-instance random odd 64-bit constant (multiply-shift hashing), so structured hash codes (multiples of a power of two,
/// sequences) cannot be aimed at one chain without knowing the constant; the default string comparer of .NET is itself
/// randomized, so colliding strings cannot be precomputed. Only a comparer that returns equal hash codes for many distinct
/// keys produces long chains, exactly as for any hash table.
/// </para>
/// <para>
/// Comparers and <see cref="object.Equals(object)"/> run inside a read section or under a segment lock: they must not block
/// for long, call <see cref="RcuDomain.Synchronize"/>, or write to the same dictionary.
/// </para>
/// </remarks>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
[DebuggerDisplay("Count = {Count}")]
public sealed partial class RcuDictionary<TKey, TValue> : IDictionary<TKey, TValue>, IReadOnlyDictionary<TKey, TValue>
    where TKey : notnull
{
    /// <summary>Whether a value can be replaced in place: a reader then loads the old or the new value, never a mix (as ConcurrentDictionary's s_isValueWriteAtomic).</summary>
    private static readonly bool s_isValueWriteAtomic = IsValueWriteAtomic();

    /// <summary>Keys whose default equality runs no user code on a stale instance: eligible for optimistic reads.</summary>
    private static readonly bool s_optimisticKeyType =
        typeof(TKey).IsPrimitive || typeof(TKey).IsEnum || typeof(TKey) == typeof(string);

    private readonly RcuDomain _domain;
    private readonly bool _optimisticReads; // s_optimisticKeyType with the default comparer
    private readonly IEqualityComparer<TKey>? _comparer; // null only for a value-type key with the default comparer (devirtualised path)
    private readonly TableSlot[] _tables;                // what readers load: one published table per segment
    private readonly Segment[] _segments;                // what writers lock
    private readonly ulong _multiplier;                  // per-instance random odd constant of the multiply-shift hash
    private readonly int _segmentBits;
    private readonly int _segmentShift;                  // 64 - _segmentBits
    private readonly bool _disposeRemovedValues;

    /// <summary>Creates an empty dictionary on <see cref="RcuDomain.Default"/> with the default comparer.</summary>
    public RcuDictionary()
        : this(new RcuDictionaryOptions(), comparer: null)
    {
    }

    /// <summary>Creates an empty dictionary with room for <paramref name="capacity"/> entries.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    public RcuDictionary(int capacity)
        : this(CapacityOptions(capacity), comparer: null)
    {
    }

    /// <summary>Creates an empty dictionary that compares keys with <paramref name="comparer"/> (<see langword="null"/>: the default).</summary>
    public RcuDictionary(IEqualityComparer<TKey>? comparer)
        : this(new RcuDictionaryOptions(), comparer)
    {
    }

    /// <summary>Creates an empty dictionary with room for <paramref name="capacity"/> entries and the given comparer.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    public RcuDictionary(int capacity, IEqualityComparer<TKey>? comparer)
        : this(CapacityOptions(capacity), comparer)
    {
    }

    /// <summary>Creates a dictionary holding the pairs of <paramref name="collection"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="collection"/> or one of its keys is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="collection"/> contains a key twice.</exception>
    public RcuDictionary(IEnumerable<KeyValuePair<TKey, TValue>> collection)
        : this(collection, comparer: null)
    {
    }

    /// <summary>Creates a dictionary holding the pairs of <paramref name="collection"/>, comparing keys with <paramref name="comparer"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="collection"/> or one of its keys is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="collection"/> contains a key twice.</exception>
    public RcuDictionary(IEnumerable<KeyValuePair<TKey, TValue>> collection, IEqualityComparer<TKey>? comparer)
        : this(CapacityOptions(collection is ICollection<KeyValuePair<TKey, TValue>> c ? c.Count : 0), comparer)
    {
        ArgumentNullException.ThrowIfNull(collection);
        foreach (KeyValuePair<TKey, TValue> pair in collection)
        {
            if (!TryAdd(pair.Key, pair.Value))
                throw new ArgumentException($"The collection contains the key '{pair.Key}' more than once.", nameof(collection));
        }
    }

    /// <summary>Creates an empty dictionary whose readers are protected by <paramref name="domain"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="domain"/> is null.</exception>
    public RcuDictionary(RcuDomain domain)
        : this(new RcuDictionaryOptions { Domain = domain ?? throw new ArgumentNullException(nameof(domain)) }, comparer: null)
    {
    }

    /// <summary>Creates an empty dictionary from <paramref name="options"/> and an optional key comparer.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public RcuDictionary(RcuDictionaryOptions options, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _domain = options.Domain ?? RcuDomain.Default;
        _disposeRemovedValues = options.DisposeRemovedValues;
        if (typeof(TKey).IsValueType)
        {
            // Leaving the default comparer null lets the JIT devirtualise EqualityComparer<TKey>.Default for structs.
            _comparer = comparer is null || ReferenceEquals(comparer, EqualityComparer<TKey>.Default) ? null : comparer;
        }
        else
        {
            // For strings the default comparer uses the runtime's per-process randomized hashing (HashDoS defence).
            _comparer = comparer ?? EqualityComparer<TKey>.Default;
        }

        _optimisticReads = s_optimisticKeyType && (_comparer is null || ReferenceEquals(_comparer, EqualityComparer<TKey>.Default));

        int segmentCount = Math.Max(2, RcuDictionaryLimits.ResolveSegmentCount(options.SegmentCount));
        _segmentBits = BitOperations.Log2((uint)segmentCount);
        _segmentShift = 64 - _segmentBits;
        _multiplier = (ulong)Random.Shared.NextInt64() | 1UL | (1UL << 63);
        _tables = new TableSlot[segmentCount];
        _segments = new Segment[segmentCount];
        for (int i = 0; i < segmentCount; i++)
        {
            _tables[i].Value = Table.Empty;
            _segments[i] = new Segment();
        }

        if (options.Capacity > 0)
        {
            // Spread the requested room evenly, with slack for the uneven spread of keys over segments.
            long perSegment = (options.Capacity + (long)options.Capacity / 8 + segmentCount - 1) / segmentCount;
            int capacity = SegmentCapacityFor(perSegment);
            for (int i = 0; i < segmentCount; i++)
            {
                lock (_segments[i]) Rebuild(i, _segments[i], capacity);
            }
        }
    }

    /// <summary>Gets the comparer that decides key equality.</summary>
    public IEqualityComparer<TKey> Comparer => _comparer ?? EqualityComparer<TKey>.Default;

    /// <summary>Gets the RCU domain whose grace periods protect this dictionary's readers.</summary>
    public RcuDomain Domain => _domain;

    /// <summary>
    /// Gets the number of pairs. O(segments), a constant fixed at construction, and takes no lock: the sum of
    /// per-segment counts read one after another. Exact at quiescence; while writers run it may miss or include
    /// their concurrent effects (it is not a snapshot, unlike ConcurrentDictionary's, which takes every lock).
    /// </summary>
    public int Count
    {
        get
        {
            long total = 0;
            foreach (Segment segment in _segments)
            {
                total += Volatile.Read(ref segment.Count); // pairs with the release store in AdjustCount
            }
            return (int)Math.Min(total, int.MaxValue);
        }
    }

    /// <summary>Gets whether the dictionary holds no pair; same cost and semantics as <see cref="Count"/>.</summary>
    public bool IsEmpty
    {
        get
        {
            foreach (Segment segment in _segments)
            {
                if (Volatile.Read(ref segment.Count) != 0) return false; // pairs with AdjustCount
            }
            return true;
        }
    }

    /// <summary>Gets or sets the value of a key. Setting adds the pair or replaces the value.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">Getting a key that is absent.</exception>
    public TValue this[TKey key]
    {
        get
        {
            if (!TryGetValue(key, out TValue? value)) ThrowKeyNotFound(key);
            return value;
        }
        set
        {
            int hash = HashOf(key);
            Upsert(key, hash, value, UpsertMode.AddOrReplace, default!, out _);
        }
    }

    /// <summary>Looks up a key. Wait-free: one read section, no lock, no retry, no shared write.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => TryGetValueInternal(key, HashOf(key), out value);

    /// <summary>Returns whether the key is present. Wait-free.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public bool ContainsKey(TKey key) => TryGetValueInternal(key, HashOf(key), out _);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryGetValueInternal(TKey key, int hash, [MaybeNullWhen(false)] out TValue value)
    {
        ulong mixed = (uint)hash * _multiplier;
        if (_optimisticReads && TryGetOptimistic(key, hash, mixed, out bool found, out value)) return found;
        return TryGetInSection(key, hash, mixed, out value);
    }

    /// <summary>
    /// The fast path: a lookup with no read section (so no thread-static lookup), validated like a sequence lock.
    /// Returns false, and the caller falls back to <see cref="TryGetInSection"/>, if the segment reused a slot or
    /// replaced its table while we looked; one attempt then the fallback keeps reads wait-free.
    /// </summary>
    /// <remarks>
    /// Why it is safe without a grace period: a slot is rewritten only when it is recycled or a recycled slot is
    /// refilled, and both happen between <see cref="BeginReuse"/> and <see cref="EndReuse"/>, which make the segment's
    /// generation odd; a table's arrays are reused only after the table was replaced. So if the generation was even
    /// and unchanged, and the table still current, across the whole walk, every slot we read held one consistent
    /// pair that was reachable when we read it. Only keys whose equality runs no user code on a stale instance
    /// (primitives, enums, strings, default comparer) take this path; the walk is bounded, so a chain rewritten
    /// under us cannot loop. The generation is an int: a reader would need to stall across 2^31 reuse windows of
    /// one segment to be fooled by wrap-around.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryGetOptimistic(TKey key, int hash, ulong mixed, out bool found, [MaybeNullWhen(false)] out TValue value)
    {
        ref TableSlot published = ref _tables[(int)(mixed >> _segmentShift)];
        int generation = Volatile.Read(ref published.Reuse); // acquire: pairs with EndReuse's release store
        Table table = Volatile.Read(ref published.Value);    // acquire: pairs with Publish's release store
        Entry[] entries = table.Entries;
        int index = Volatile.Read(ref table.Buckets[(int)((mixed << _segmentBits) >> table.BucketShift)]);
        found = false;
        value = default;
        for (int steps = table.Capacity; index != 0; steps--)
        {
            if ((uint)(index - 1) >= (uint)entries.Length || steps < 0) return false; // rewritten under us: give up
            ref Entry entry = ref entries[index - 1];
            if (entry.HashCode == hash && (typeof(TKey).IsValueType ? EqualityComparer<TKey>.Default.Equals(entry.Key, key) : _comparer!.Equals(entry.Key, key)))
            {
                if (RcuDictionaryTestHooks.Enabled) RcuDictionaryTestHooks.OnOptimisticMatch(typeof(TValue)); // folded to nothing outside tests
                value = entry.Value;
                found = true;
                break;
            }
            index = Volatile.Read(ref entry.Next); // acquire: pairs with the release store of this link (Link)
        }
        // Every load of the walk completes before the re-check; pairs with BeginReuse's full fence.
        Volatile.ReadBarrier();
        return (generation & 1) == 0 && Volatile.Read(ref published.Reuse) == generation && ReferenceEquals(Volatile.Read(ref published.Value), table);
    }

    private bool TryGetInSection(TKey key, int hash, ulong mixed, [MaybeNullWhen(false)] out TValue value)
    {
        IEqualityComparer<TKey>? comparer = _comparer;
        // The section keeps every slot this lookup can reach from being recycled until it ends (E).
        using RcuReadGuard guard = _domain.ReadLock();
        // Acquire: pairs with the release store that published the table (Rebuild), so its arrays are seen filled.
        Table table = Volatile.Read(ref _tables[(int)(mixed >> _segmentShift)].Value);
        Entry[] entries = table.Entries;
        // Acquire: pairs with the release store of a chain head (Link), so the entry it names is seen complete.
        int index = Volatile.Read(ref table.Buckets[(int)((mixed << _segmentBits) >> table.BucketShift)]);
        while (index != 0)
        {
            ref Entry entry = ref entries[index - 1];
            if (entry.HashCode == hash &&
                (typeof(TKey).IsValueType && comparer is null
                    ? EqualityComparer<TKey>.Default.Equals(entry.Key, key)
                    : comparer!.Equals(entry.Key, key)))
            {
                value = entry.Value;
                return true;
            }
            index = Volatile.Read(ref entry.Next); // acquire: pairs with the release store of this link (Link)
        }
        value = default;
        return false;
    }

    /// <summary>Adds the pair if the key is absent.</summary>
    /// <returns><see langword="true"/> if added; <see langword="false"/> if the key was present (nothing changes).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public bool TryAdd(TKey key, TValue value) => Upsert(key, HashOf(key), value, UpsertMode.AddOnly, default!, out _);

    /// <summary>Removes a key and returns its value.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value) =>
        RemoveInternal(key, HashOf(key), matchValue: false, default!, out value);

    /// <summary>Removes a key only if it maps to the given value (compared with <see cref="EqualityComparer{T}.Default"/>).</summary>
    /// <exception cref="ArgumentNullException">The key is null.</exception>
    public bool TryRemove(KeyValuePair<TKey, TValue> item) =>
        RemoveInternal(item.Key, HashOf(item.Key), matchValue: true, item.Value, out _);

    /// <summary>Replaces the value of a key only if it currently equals <paramref name="comparisonValue"/> (<see cref="EqualityComparer{T}.Default"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue) =>
        Upsert(key, HashOf(key), newValue, UpsertMode.ReplaceIfEqual, comparisonValue, out _);

    /// <summary>Returns the value of a key, adding <paramref name="value"/> first if the key is absent.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public TValue GetOrAdd(TKey key, TValue value)
    {
        int hash = HashOf(key);
        if (TryGetValueInternal(key, hash, out TValue? existing)) return existing;
        Upsert(key, hash, value, UpsertMode.AddOnly, default!, out TValue result);
        return result;
    }

    /// <summary>
    /// Returns the value of a key, adding <c>valueFactory(key)</c> first if it is absent. The factory runs outside any
    /// lock; when threads race it may run more than once, but only one result is stored and returned to all of them.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="valueFactory"/> is null.</exception>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> valueFactory)
    {
        ArgumentNullException.ThrowIfNull(valueFactory);
        int hash = HashOf(key);
        if (TryGetValueInternal(key, hash, out TValue? existing)) return existing;
        Upsert(key, hash, valueFactory(key), UpsertMode.AddOnly, default!, out TValue result);
        return result;
    }

    /// <summary>As <see cref="GetOrAdd(TKey, Func{TKey, TValue})"/>, passing <paramref name="factoryArgument"/> to the factory.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="valueFactory"/> is null.</exception>
    public TValue GetOrAdd<TArg>(TKey key, Func<TKey, TArg, TValue> valueFactory, TArg factoryArgument)
    {
        ArgumentNullException.ThrowIfNull(valueFactory);
        int hash = HashOf(key);
        if (TryGetValueInternal(key, hash, out TValue? existing)) return existing;
        Upsert(key, hash, valueFactory(key, factoryArgument), UpsertMode.AddOnly, default!, out TValue result);
        return result;
    }

    /// <summary>
    /// Adds <paramref name="addValue"/> if the key is absent, otherwise replaces its value with
    /// <c>updateValueFactory(key, old)</c>. The factory runs outside any lock and may run more than once when writers race
    /// (the update is retried, as in ConcurrentDictionary, if the value changed meanwhile); one result is stored.
    /// </summary>
    /// <returns>The value now stored for the key by this call.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="updateValueFactory"/> is null.</exception>
    public TValue AddOrUpdate(TKey key, TValue addValue, Func<TKey, TValue, TValue> updateValueFactory)
    {
        ArgumentNullException.ThrowIfNull(updateValueFactory);
        int hash = HashOf(key);
        while (true)
        {
            if (TryGetValueInternal(key, hash, out TValue? old))
            {
                TValue updated = updateValueFactory(key, old);
                if (Upsert(key, hash, updated, UpsertMode.ReplaceIfEqual, old, out _)) return updated;
            }
            else if (Upsert(key, hash, addValue, UpsertMode.AddOnly, default!, out _))
            {
                return addValue;
            }
        }
    }

    /// <summary>
    /// Adds <c>addValueFactory(key)</c> if the key is absent, otherwise replaces its value with
    /// <c>updateValueFactory(key, old)</c>. Factories run outside any lock and may run more than once; one result is stored.
    /// </summary>
    /// <returns>The value now stored for the key by this call.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or a factory is null.</exception>
    public TValue AddOrUpdate(TKey key, Func<TKey, TValue> addValueFactory, Func<TKey, TValue, TValue> updateValueFactory)
    {
        ArgumentNullException.ThrowIfNull(addValueFactory);
        ArgumentNullException.ThrowIfNull(updateValueFactory);
        int hash = HashOf(key);
        while (true)
        {
            if (TryGetValueInternal(key, hash, out TValue? old))
            {
                TValue updated = updateValueFactory(key, old);
                if (Upsert(key, hash, updated, UpsertMode.ReplaceIfEqual, old, out _)) return updated;
            }
            else
            {
                TValue added = addValueFactory(key);
                if (Upsert(key, hash, added, UpsertMode.AddOnly, default!, out _)) return added;
            }
        }
    }

    /// <summary>As <see cref="AddOrUpdate(TKey, Func{TKey, TValue}, Func{TKey, TValue, TValue})"/>, passing <paramref name="factoryArgument"/> to both factories.</summary>
    /// <returns>The value now stored for the key by this call.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or a factory is null.</exception>
    public TValue AddOrUpdate<TArg>(TKey key, Func<TKey, TArg, TValue> addValueFactory, Func<TKey, TValue, TArg, TValue> updateValueFactory, TArg factoryArgument)
    {
        ArgumentNullException.ThrowIfNull(addValueFactory);
        ArgumentNullException.ThrowIfNull(updateValueFactory);
        int hash = HashOf(key);
        while (true)
        {
            if (TryGetValueInternal(key, hash, out TValue? old))
            {
                TValue updated = updateValueFactory(key, old, factoryArgument);
                if (Upsert(key, hash, updated, UpsertMode.ReplaceIfEqual, old, out _)) return updated;
            }
            else
            {
                TValue added = addValueFactory(key, factoryArgument);
                if (Upsert(key, hash, added, UpsertMode.AddOnly, default!, out _)) return added;
            }
        }
    }

    /// <summary>Computes the hash code of a non-null key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int HashOf(TKey key)
    {
        if (key is null) ThrowKeyNull();
        return typeof(TKey).IsValueType && _comparer is null ? key.GetHashCode() : _comparer!.GetHashCode(key);
    }

    private static int SegmentCapacityFor(long entries) =>
        (int)Math.Min(RcuDictionaryLimits.MaxSegmentCapacity,
            BitOperations.RoundUpToPowerOf2((ulong)Math.Max(RcuDictionaryLimits.MinSegmentCapacity, entries)));

    private static RcuDictionaryOptions CapacityOptions(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        return new RcuDictionaryOptions { Capacity = capacity };
    }

    private static bool IsValueWriteAtomic()
    {
        // Same rule as ConcurrentDictionary: references and primitives no wider than a pointer are written atomically.
        Type t = typeof(TValue);
        if (!t.IsValueType || t == typeof(nint) || t == typeof(nuint)) return true;
        switch (Type.GetTypeCode(t))
        {
            case TypeCode.Boolean: case TypeCode.Byte: case TypeCode.Char: case TypeCode.Int16: case TypeCode.Int32:
            case TypeCode.SByte: case TypeCode.Single: case TypeCode.UInt16: case TypeCode.UInt32:
                return true;
            case TypeCode.Double: case TypeCode.Int64: case TypeCode.UInt64:
                return IntPtr.Size == 8;
            default:
                return false;
        }
    }

    [DoesNotReturn]
    private static void ThrowKeyNull() => throw new ArgumentNullException("key");

    [DoesNotReturn]
    private static void ThrowKeyNotFound(TKey key) => throw new KeyNotFoundException($"The key '{key}' was not present in the dictionary.");
}
