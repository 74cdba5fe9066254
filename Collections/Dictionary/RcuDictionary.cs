using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RcuCollections;

/// <summary>
/// A thread-safe hash map with the <see cref="System.Collections.Concurrent.ConcurrentDictionary{TKey, TValue}"/>
/// surface whose reads are wait-free and write no shared memory, whose inserts allocate nothing in steady state,
/// and which releases what it removes only after an RCU grace period.
/// </summary>
/// <remarks>
/// <para>
/// <b>Design.</b> Keys are spread over a fixed power-of-two number of segments. Each segment has its own writer
/// lock and an open-addressed table (one array of key/value/state slots, linear probing) published with a release
/// store. A primitive, enum or string key with the default comparer is looked up optimistically, with no read
/// section: the probe is validated by the segment's reuse generation and falls back once to a probe inside a read
/// section of the dictionary's <see cref="RcuDomain"/>; other keys take that section path directly. No lock, no
/// shared write, a bounded number of steps. A writer changes one segment under its lock, RCU style: a pair is written
/// completely into a slot no reader can be reading and then published by one release store of its state; a removed
/// slot becomes a tombstone and is reused only after a grace period, so a reader standing on it never sees it
/// rewritten. A segment grows, compacts or shrinks by building a new table and publishing it; readers still on the
/// old one finish there, and it becomes the segment's spare after a grace period.
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
/// <item><description><b>G. Enumeration.</b> Not a moment-in-time snapshot. It visits the segments in turn, each copied by one scan in
/// one read section, validated against the segment's removals: a key present (with whatever values) for the whole enumeration is
/// yielded exactly once; a key added or removed during it may or may not be yielded. It takes no lock unless a segment's scan is
/// disturbed by removals three times in a row (that segment is then copied under its lock). <see cref="Keys"/>, <see cref="Values"/>
/// and <see cref="ToArray"/> have the same semantics; <see cref="Count"/> takes no lock (unlike ConcurrentDictionary's) and is exact
/// at quiescence.</description></item>
/// </list>
/// <para>
/// <b>Factories.</b> As with ConcurrentDictionary, the factories of <c>GetOrAdd</c> and <c>AddOrUpdate</c> run outside any
/// lock and read section, so they may run more than once for one call when writers race (and several calls may run them
/// concurrently), but only one result per successful call is stored. A factory or comparer that throws leaves the map unchanged.
/// </para>
/// <para>
/// <b>Hostile keys.</b> The segment and home slot are taken from the top bits of the hash code multiplied by a per-instance
/// random odd 64-bit constant (multiply-shift hashing; the constant is a random continued fraction with small partial quotients,
/// so runs of consecutive hash codes spread evenly). Keys cannot be aimed at one slot without knowing the constant, and a segment
/// whose keys cluster anyway (a probe longer than 48 slots, a rebuild worse than random placement, or live keys averaging more
/// than 3 probes) switches to placement by a
/// full-avalanche remix of the hash. The default string comparer of .NET is itself randomized. Only a comparer that returns equal
/// hash codes for many distinct keys produces long probe sequences, exactly as for any hash table.
/// </para>
/// <para>
/// Comparers and <see cref="object.Equals(object)"/> run inside a read section or under a segment lock: they must not block
/// for long, call <see cref="RcuDomain.Synchronize"/>, or write to the same dictionary.
/// </para>
/// <para>
/// <b>Back-pressure and disposal.</b> Under a segment lock the dictionary defers work to its domain without waiting for
/// <see cref="RcuOptions.MaxPendingCallbacks"/> (a callback, such as a removed value's <c>Dispose</c>, may need the lock);
/// each write calls <see cref="RcuDomain.WaitForCallbackCapacity"/> once the lock is released. A write on a dictionary whose
/// domain is disposed throws <see cref="ObjectDisposedException"/> before it changes anything; one under way when the domain
/// is disposed completes and leaves the dictionary consistent. See <c>docs/dictionary.md</c>.
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
    private readonly ulong _multiplier;                  // per-instance random odd constant of the multiply-shift hash (RcuDictionaryHashing)
    private readonly ulong _homeMultiplier;              // _multiplier << segment bits: the home slot's bits on top, in one multiply
    private readonly int _segmentBits;
    private readonly int _segmentShift;                  // 64 - _segmentBits
    private readonly bool _disposeRemovedValues;
    private readonly int _shapeFlags;                    // GeneralShape when TryGetValue's written-out path does not apply

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
        : this(options, comparer, RcuDictionaryHashing.DrawMultiplier())
    {
    }

    /// <summary>Creates a dictionary with a given hash multiplier (tests compare multiplier choices with it).</summary>
    internal RcuDictionary(RcuDictionaryOptions options, IEqualityComparer<TKey>? comparer, ulong multiplier)
    {
        ArgumentNullException.ThrowIfNull(options);
        if ((multiplier & 1) == 0) throw new ArgumentException("The hash multiplier must be odd.", nameof(multiplier));
        options.Validate();
        CollectionMutants.Initialize(); // so that tier-1 code folds the mutant checks away (see CollectionMutants)
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
        _shapeFlags = typeof(TKey).IsValueType && s_optimisticKeyType && _comparer is null ? 0 : GeneralShape;

        int segmentCount = Math.Max(2, RcuDictionaryLimits.ResolveSegmentCount(options.SegmentCount));
        _segmentBits = BitOperations.Log2((uint)segmentCount);
        _segmentShift = 64 - _segmentBits;
        _multiplier = multiplier;
        _homeMultiplier = _multiplier << _segmentBits;
        _tables = new TableSlot[segmentCount];
        _segments = new Segment[segmentCount];
        for (int i = 0; i < segmentCount; i++)
        {
            _tables[i].Entries = Table.Empty.Entries;
            _tables[i].State = (uint)(Table.Empty.Shape | _shapeFlags); // generation 0
            _segments[i] = new Segment();
        }

        if (options.Capacity > 0)
        {
            // Spread the requested room evenly, with slack for the uneven spread of keys over segments.
            long perSegment = (options.Capacity + (long)options.Capacity / 8 + segmentCount - 1) / segmentCount;
            int capacity = SegmentCapacityFor(perSegment);
            for (int i = 0; i < segmentCount; i++)
            {
                lock (_segments[i])
                {
                    Rebuild(i, _segments[i], capacity);
                    AssertInvariants(i, _segments[i]);
                }
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
    /// <exception cref="ObjectDisposedException">Setting while the dictionary's <see cref="Domain"/> is disposed (nothing changes).</exception>
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

    /// <summary>Looks up a key. Wait-free: no lock, no shared write, a bounded number of steps (at most one optimistic probe and one in a read section).</summary>
    /// <returns><see langword="true"/> if the key is present (<paramref name="value"/> is its value); otherwise <see langword="false"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (typeof(TKey).IsValueType && s_optimisticKeyType)
        {
            // Primitive or enum keys (folded per instantiation): the optimistic lookup of the home slot, written out, and
            // everything else in one call. This body is inlined into callers' loops, so it is kept to what most lookups
            // need, without out-parameters of an inlinee, and with a single call site: each one more would cost the
            // caller registers. The comments of TryGetOptimistic explain each step.
            int tag = TagOf(key.GetHashCode());
            ulong mixed = Mix(tag);
            ref TableSlot published = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_tables), (nuint)(mixed >> _segmentShift));
            // Acquire: pairs with EndReuse's release store. One load gives the generation and the table's shape. An odd (open)
            // generation is rounded down, so that the re-check below fails: one compare does the work of "was even, and is
            // unchanged" (and the shape cannot have changed without the generation).
            long state = Volatile.Read(ref published.State);
            long generation = state & ~GenerationOne;
            Entry[] entries = Volatile.Read(ref published.Entries); // acquire: pairs with Publish's release store
            if (RcuDictionaryTestHooks.Enabled) RcuDictionaryTestHooks.OnOptimisticTableLoaded(typeof(TValue)); // folded outside tests
            // Scrambled placement, or a custom comparer (whose hash we did not compute), shows in the shape: no fast path.
            int shape = (int)state;
            nuint index = (nuint)(((uint)tag * _homeMultiplier) >> shape); // HomeSlot of a multiplicative table: mixed << segment bits
            if (shape < ScrambledShape && index < (nuint)entries.Length)
            {
                ref Entry entry = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(entries), index);
                int meta = Volatile.Read(ref entry.Meta); // acquire: pairs with the release store of the tag (TryFill)
                if (meta == tag && EqualityComparer<TKey>.Default.Equals(entry.Key, key))
                {
                    if (RcuDictionaryTestHooks.Enabled) RcuDictionaryTestHooks.OnOptimisticMatch(typeof(TValue)); // folded outside tests
                    TValue candidate = entry.Value;
                    Volatile.ReadBarrier(); // pairs with BeginReuse's full fence
                    if (Volatile.Read(ref published.State) == generation || CollectionMutants.Is(CollectionMutant.OptimisticReadSkipsRecheck)) // mutant 7
                    {
                        value = candidate;
                        return true;
                    }
                }
                else if (meta == EmptySlot)
                {
                    Volatile.ReadBarrier(); // pairs with BeginReuse's full fence
                    if (Volatile.Read(ref published.State) == generation || CollectionMutants.Is(CollectionMutant.OptimisticReadSkipsRecheck)) // mutant 7
                    {
                        value = default;
                        return false;
                    }
                }
            }
        }
        // Results come back by value, not through the caller's variable, which a by-reference argument would force out of
        // registers.
        (bool found, TValue? result) = LookupGeneral(key);
        value = result;
        return found;
    }

    /// <summary>Any key, comparer and table, returning the result by value (see <see cref="TryGetValue"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private (bool Found, TValue? Value) LookupGeneral(TKey key)
    {
        bool found = TryGetValueInternal(key, HashOf(key), out TValue? value);
        return (found, value);
    }

    /// <summary>Returns whether the key is present. Wait-free.</summary>
    /// <returns><see langword="true"/> if the key is present; otherwise <see langword="false"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public bool ContainsKey(TKey key) => TryGetValue(key, out _);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryGetValueInternal(TKey key, int hash, [MaybeNullWhen(false)] out TValue value)
    {
        int tag = TagOf(hash);
        ulong mixed = Mix(tag);
        // For value-type keys the condition folds to a constant per instantiation plus the comparer test.
        bool optimistic = typeof(TKey).IsValueType ? s_optimisticKeyType && _comparer is null : _optimisticReads;
        if (optimistic && TryGetOptimistic(key, tag, mixed, out bool found, out value)) return found;
        return TryGetInSection(key, tag, mixed, out value);
    }

    /// <summary>
    /// The fast path: a lookup with no read section (so no thread-static lookup), validated like a sequence lock.
    /// Returns false, and the caller falls back to <see cref="TryGetInSection"/>, if the segment reused a slot or
    /// swapped its table while we looked; one attempt then the fallback keeps reads wait-free.
    /// </summary>
    /// <remarks>
    /// Why it is safe without a grace period: a published pair is rewritten only when its slot is cleared for reuse or a
    /// reusable slot is refilled, and a table's array is rewritten only after the table was replaced; all of these
    /// happen between <see cref="BeginReuse"/> and <see cref="EndReuse"/>, which make the segment's generation odd. So
    /// if the generation was even and unchanged across the whole probe, every slot we read held one consistent pair that
    /// was published when we read it. Only keys whose equality runs no user code on a stale instance (primitives,
    /// enums, strings, default comparer) take this path; every index is masked into the array and the probe is
    /// bounded, so slots rewritten under us can neither fault nor loop. The generation is an int: a reader would have
    /// to stall across 2^31 reuse windows of one segment to be fooled by wrap-around.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryGetOptimistic(TKey key, int tag, ulong mixed, out bool found, [MaybeNullWhen(false)] out TValue value)
    {
        // In bounds without a check: the segment index has exactly as many bits as the array has elements.
        ref TableSlot published = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_tables), (int)(mixed >> _segmentShift));
        // Acquire: pairs with EndReuse's release store. An odd (open) generation is rounded down so the re-check fails.
        long state = Volatile.Read(ref published.State);
        long generation = state & ~GenerationOne;
        Entry[] entries = Volatile.Read(ref published.Entries); // acquire: pairs with Publish's release store
        if (RcuDictionaryTestHooks.Enabled) RcuDictionaryTestHooks.OnOptimisticTableLoaded(typeof(TValue)); // folded outside tests
        // The shape lies beside the array, so the home slot does not wait for the array's length. A shape that does not
        // match the array (read across a table swap) fails the generation check below (Publish swaps inside a reuse
        // window), and the bounds check keeps the probe inside the array meanwhile.
        int index = HomeSlot(mixed, (int)state);
        found = false;
        value = default;
        if ((uint)index >= (uint)entries.Length) return false;
        int mask = Table.CapacityOf(entries) - 1;
        // In bounds without a check from here on: every index is masked by the capacity - 1, below Length.
        ref Entry slots = ref MemoryMarshal.GetArrayDataReference(entries);
        for (int probes = mask; probes >= 0; probes--)
        {
            ref Entry entry = ref Unsafe.Add(ref slots, index);
            int meta = Volatile.Read(ref entry.Meta); // acquire: pairs with the release store that published the pair (TryFill)
            if (meta == tag && (typeof(TKey).IsValueType ? EqualityComparer<TKey>.Default.Equals(entry.Key, key) : _comparer!.Equals(entry.Key, key)))
            {
                if (RcuDictionaryTestHooks.Enabled) RcuDictionaryTestHooks.OnOptimisticMatch(typeof(TValue)); // folded to nothing outside tests
                value = entry.Value;
                found = true;
                break;
            }
            if (meta == EmptySlot) break;
            index = (index + 1) & mask;
        }
        // Every load of the probe completes before the re-check; pairs with BeginReuse's full fence.
        Volatile.ReadBarrier();
        return Volatile.Read(ref published.State) == generation || CollectionMutants.Is(CollectionMutant.OptimisticReadSkipsRecheck); // mutant 7 accepts any probe
    }

    private bool TryGetInSection(TKey key, int tag, ulong mixed, [MaybeNullWhen(false)] out TValue value)
    {
        IEqualityComparer<TKey>? comparer = _comparer;
        // The section keeps every slot this lookup can reach from being cleared or reused until it ends (E).
        using RcuReadGuard guard = _domain.ReadLock();
        // Acquire: pairs with the release store that published the table (Publish), so its slots are seen filled.
        Entry[] entries = Volatile.Read(ref _tables[(int)(mixed >> _segmentShift)].Entries);
        // The array alone says how to place keys in it (Table.ShapeOf), so no separately published value can disagree.
        int mask = Table.CapacityOf(entries) - 1;
        int index = HomeSlot(mixed, entries);
        // At most three quarters of a table's slots are ever non-empty, so the probe ends at an empty slot well
        // before it could wrap around; the bound only documents that.
        for (int probes = mask; probes >= 0; probes--)
        {
            ref Entry entry = ref entries[index];
            int meta = Volatile.Read(ref entry.Meta); // acquire: pairs with the release store that published the pair (TryFill)
            if (meta == tag &&
                (typeof(TKey).IsValueType && comparer is null
                    ? EqualityComparer<TKey>.Default.Equals(entry.Key, key)
                    : comparer!.Equals(entry.Key, key)))
            {
                value = entry.Value;
                return true;
            }
            if (meta == EmptySlot) break;
            index = (index + 1) & mask;
        }
        value = default;
        return false;
    }

    /// <summary>Multiply-shift mixing with the per-instance constant: the top bits pick the segment, the next ones the home slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Mix(int tag) => (uint)tag * _multiplier;

    /// <summary>The home slot of a mixed hash in <paramref name="entries"/> (see <see cref="Table.ShapeOf"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int HomeSlot(ulong mixed, Entry[] entries) => HomeSlot(mixed, Table.ShapeOf(entries));

    /// <summary>
    /// The home slot of a mixed hash in a table of the given shape: the bits just below the segment bits, of the mixed hash
    /// itself (multiplicative placement, which spreads runs of hash codes evenly) or of its scrambled form (placement that
    /// behaves as random for any input, taken by segments whose keys clustered).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int HomeSlot(ulong mixed, int shape)
    {
        ulong bits = (shape & ScrambledShape) != 0 ? Scramble(mixed) : mixed;
        return (int)((bits << _segmentBits) >> shape);
    }

    /// <summary>
    /// A full-avalanche remix of the mixed hash (the finaliser of MurmurHash3's 64-bit variant): structure in the input,
    /// such as hash codes in a progression with a power-of-two stride, does not survive into the top bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Scramble(ulong x)
    {
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33;
        x *= 0xC4CEB9FE1A85EC53UL;
        return x ^ (x >> 33);
    }

    /// <summary>Adds the pair if the key is absent.</summary>
    /// <returns><see langword="true"/> if added; <see langword="false"/> if the key was present (nothing changes).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The dictionary's <see cref="Domain"/> is disposed (nothing changes).</exception>
    public bool TryAdd(TKey key, TValue value) => Upsert(key, HashOf(key), value, UpsertMode.AddOnly, default!, out _);

    /// <summary>Removes a key and returns its value.</summary>
    /// <returns><see langword="true"/> if this call removed the key (<paramref name="value"/> is its value); otherwise <see langword="false"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The dictionary's <see cref="Domain"/> is disposed (nothing changes).</exception>
    public bool TryRemove(TKey key, [MaybeNullWhen(false)] out TValue value) =>
        RemoveInternal(key, HashOf(key), matchValue: false, default!, out value);

    /// <summary>Removes a key only if it maps to the given value (compared with <see cref="EqualityComparer{T}.Default"/>).</summary>
    /// <returns><see langword="true"/> if this call removed the pair; otherwise <see langword="false"/> (the key was absent or mapped to another value).</returns>
    /// <exception cref="ArgumentNullException">The key of <paramref name="item"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The dictionary's <see cref="Domain"/> is disposed (nothing changes).</exception>
    public bool TryRemove(KeyValuePair<TKey, TValue> item)
    {
        // ParamName "item", as ConcurrentDictionary's.
        if (item.Key is null) throw new ArgumentNullException(nameof(item), "The key of the pair is null.");
        return RemoveInternal(item.Key, HashOf(item.Key), matchValue: true, item.Value, out _);
    }

    /// <summary>Replaces the value of a key only if it currently equals <paramref name="comparisonValue"/> (<see cref="EqualityComparer{T}.Default"/>).</summary>
    /// <returns><see langword="true"/> if the value was replaced; otherwise <see langword="false"/> (the key was absent or its value differed).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The dictionary's <see cref="Domain"/> is disposed (nothing changes).</exception>
    public bool TryUpdate(TKey key, TValue newValue, TValue comparisonValue) =>
        Upsert(key, HashOf(key), newValue, UpsertMode.ReplaceIfEqual, comparisonValue, out _);

    /// <summary>Returns the value of a key, adding <paramref name="value"/> first if the key is absent.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The key is absent and the dictionary's <see cref="Domain"/> is disposed (nothing changes).</exception>
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
    /// <exception cref="ObjectDisposedException">The key is absent and the dictionary's <see cref="Domain"/> is disposed (nothing changes).</exception>
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
    /// <exception cref="ObjectDisposedException">The key is absent and the dictionary's <see cref="Domain"/> is disposed (nothing changes).</exception>
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
    /// <exception cref="ObjectDisposedException">The dictionary's <see cref="Domain"/> is disposed (nothing changes).</exception>
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
    /// <exception cref="ObjectDisposedException">The dictionary's <see cref="Domain"/> is disposed (nothing changes).</exception>
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
    /// <exception cref="ObjectDisposedException">The dictionary's <see cref="Domain"/> is disposed (nothing changes).</exception>
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
        // A value-type key is never null. Saying so first spares unoptimised (Debug) code a box per call, which is what
        // "key is null" compiles to for a generic value type there; optimised code folds both forms away.
        if (!typeof(TKey).IsValueType && key is null) ThrowKeyNull();
        return typeof(TKey).IsValueType && _comparer is null ? key.GetHashCode() : _comparer!.GetHashCode(key);
    }

    /// <summary>
    /// The table size for <paramref name="entries"/> live pairs: a power of two with room for half as many again, so a
    /// rebuilt table starts at most two-thirds full (it rebuilds again at three quarters).
    /// </summary>
    private static int SegmentCapacityFor(long entries) =>
        (int)Math.Min(RcuDictionaryLimits.MaxSegmentCapacity,
            BitOperations.RoundUpToPowerOf2((ulong)Math.Max(RcuDictionaryLimits.MinSegmentCapacity, entries + entries / 2 + 2)));

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
