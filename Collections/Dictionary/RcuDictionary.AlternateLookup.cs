using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RcuCollections;

// Lookups by an alternate key type (such as ReadOnlySpan<char> for string keys), as ConcurrentDictionary's GetAlternateLookup.
public sealed partial class RcuDictionary<TKey, TValue>
{
    /// <summary>
    /// Gets a view of this dictionary that looks keys up by <typeparamref name="TAlternateKey"/> instead of
    /// <typeparamref name="TKey"/> (for example <see cref="ReadOnlySpan{T}"/> of <see cref="char"/> for string keys with
    /// the default or an ordinal comparer), without materialising a key for reads.
    /// </summary>
    /// <typeparam name="TAlternateKey">The alternate key type.</typeparam>
    /// <returns>The alternate lookup.</returns>
    /// <exception cref="InvalidOperationException">
    /// The dictionary's <see cref="Comparer"/> does not implement <see cref="IAlternateEqualityComparer{TAlternate, T}"/> of
    /// <typeparamref name="TAlternateKey"/> and <typeparamref name="TKey"/>.
    /// </exception>
    public AlternateLookup<TAlternateKey> GetAlternateLookup<TAlternateKey>()
        where TAlternateKey : notnull, allows ref struct
    {
        if (!IsCompatibleKey<TAlternateKey>())
            throw new InvalidOperationException("The dictionary's comparer is not compatible with the alternate key type " + typeof(TAlternateKey) + ".");
        return new AlternateLookup<TAlternateKey>(this);
    }

    /// <summary>Gets a view of this dictionary that looks keys up by <typeparamref name="TAlternateKey"/>, if its comparer supports it.</summary>
    /// <typeparam name="TAlternateKey">The alternate key type.</typeparam>
    /// <param name="lookup">The alternate lookup, if the comparer supports <typeparamref name="TAlternateKey"/>; otherwise <see langword="default"/>.</param>
    /// <returns>
    /// <see langword="true"/> if the dictionary's <see cref="Comparer"/> implements
    /// <see cref="IAlternateEqualityComparer{TAlternate, T}"/> of <typeparamref name="TAlternateKey"/> and <typeparamref name="TKey"/>;
    /// otherwise <see langword="false"/>.
    /// </returns>
    public bool TryGetAlternateLookup<TAlternateKey>(out AlternateLookup<TAlternateKey> lookup)
        where TAlternateKey : notnull, allows ref struct
    {
        if (IsCompatibleKey<TAlternateKey>())
        {
            lookup = new AlternateLookup<TAlternateKey>(this);
            return true;
        }
        lookup = default;
        return false;
    }

    private bool IsCompatibleKey<TAlternateKey>()
        where TAlternateKey : notnull, allows ref struct =>
        Comparer is IAlternateEqualityComparer<TAlternateKey, TKey>;

    /// <summary>
    /// Looks up an alternate key: hashed with the alternate comparer (which must agree with the comparer's hash of the key
    /// it stands for), mixed as <see cref="TryGetValue"/> mixes, and probed by the same optimistic or read-section path.
    /// </summary>
    private bool TryGetAlternate<TAlternateKey>(IAlternateEqualityComparer<TAlternateKey, TKey> comparer, TAlternateKey key,
        [MaybeNullWhen(false)] out TKey actualKey, [MaybeNullWhen(false)] out TValue value)
        where TAlternateKey : notnull, allows ref struct
    {
        int tag = TagOf(comparer.GetHashCode(key));
        ulong mixed = Mix(tag);
        // _optimisticReads: the default comparer of a primitive, enum or string key, whose alternate equality (spans of
        // chars against strings) runs no user code on a stale instance.
        if (_optimisticReads && TryGetAlternateOptimistic(comparer, key, tag, mixed, out bool found, out actualKey, out value)) return found;
        return TryGetAlternateInSection(comparer, key, tag, mixed, out actualKey, out value);
    }

    /// <summary>
    /// <see cref="TryGetOptimistic"/> for an alternate key: the same probe, validated by the same generation re-check; returns
    /// false (and the caller falls back to a read section) if the segment reused a slot or swapped its table meanwhile.
    /// </summary>
    private bool TryGetAlternateOptimistic<TAlternateKey>(IAlternateEqualityComparer<TAlternateKey, TKey> comparer, TAlternateKey key,
        int tag, ulong mixed, out bool found, [MaybeNullWhen(false)] out TKey actualKey, [MaybeNullWhen(false)] out TValue value)
        where TAlternateKey : notnull, allows ref struct
    {
        ref TableSlot published = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_tables), (int)(mixed >> _segmentShift));
        // Acquire: pairs with EndReuse's release store. An odd (open) generation is rounded down so the re-check fails.
        long state = Volatile.Read(ref published.State);
        long generation = state & ~GenerationOne;
        Entry[] entries = Volatile.Read(ref published.Entries); // acquire: pairs with Publish's release store
        if (RcuDictionaryTestHooks.Enabled) RcuDictionaryTestHooks.OnOptimisticTableLoaded(typeof(TValue)); // folded outside tests
        int index = HomeSlot(mixed, (int)state);
        found = false;
        actualKey = default;
        value = default;
        if ((uint)index >= (uint)entries.Length) return false;
        int mask = Table.CapacityOf(entries) - 1;
        for (int probes = mask; probes >= 0; probes--)
        {
            ref Entry entry = ref entries[index];
            int meta = Volatile.Read(ref entry.Meta); // acquire: pairs with the release store that published the pair (TryFill)
            if (meta == tag)
            {
                // A slot cleared for reuse under us holds a null key: the re-check below rejects this probe, but the alternate
                // comparer must not be handed null meanwhile.
                TKey candidate = entry.Key;
                if (candidate is not null && comparer.Equals(key, candidate))
                {
                    if (RcuDictionaryTestHooks.Enabled) RcuDictionaryTestHooks.OnOptimisticMatch(typeof(TValue)); // folded outside tests
                    actualKey = candidate;
                    value = entry.Value;
                    found = true;
                    break;
                }
            }
            if (meta == EmptySlot) break;
            index = (index + 1) & mask;
        }
        // Every load of the probe completes before the re-check; pairs with BeginReuse's full fence.
        Volatile.ReadBarrier();
        return Volatile.Read(ref published.State) == generation || CollectionMutants.Is(CollectionMutant.OptimisticReadSkipsRecheck); // mutant 7 accepts any probe
    }

    /// <summary><see cref="TryGetInSection"/> for an alternate key.</summary>
    private bool TryGetAlternateInSection<TAlternateKey>(IAlternateEqualityComparer<TAlternateKey, TKey> comparer, TAlternateKey key,
        int tag, ulong mixed, [MaybeNullWhen(false)] out TKey actualKey, [MaybeNullWhen(false)] out TValue value)
        where TAlternateKey : notnull, allows ref struct
    {
        // The section keeps every slot this lookup can reach from being cleared or reused until it ends (E).
        using RcuReadGuard guard = _domain.ReadLock();
        Entry[] entries = Volatile.Read(ref _tables[(int)(mixed >> _segmentShift)].Entries); // acquire: pairs with Publish
        int mask = Table.CapacityOf(entries) - 1;
        int index = HomeSlot(mixed, entries);
        for (int probes = mask; probes >= 0; probes--)
        {
            ref Entry entry = ref entries[index];
            int meta = Volatile.Read(ref entry.Meta); // acquire: pairs with the release store that published the pair (TryFill)
            if (meta == tag && comparer.Equals(key, entry.Key))
            {
                actualKey = entry.Key;
                value = entry.Value;
                return true;
            }
            if (meta == EmptySlot) break;
            index = (index + 1) & mask;
        }
        actualKey = default;
        value = default;
        return false;
    }

    /// <summary>
    /// A view of an <see cref="RcuDictionary{TKey, TValue}"/> that takes keys of type <typeparamref name="TAlternateKey"/>
    /// (as ConcurrentDictionary's AlternateLookup). Reads have the dictionary's guarantees and cost (wait-free, lock-free
    /// for string keys with the default comparer); a write materialises a <typeparamref name="TKey"/> with
    /// <see cref="IAlternateEqualityComparer{TAlternate, T}.Create"/> only when it has to store one, and goes through the
    /// dictionary's ordinary write path.
    /// </summary>
    /// <typeparam name="TAlternateKey">The alternate key type.</typeparam>
    public readonly struct AlternateLookup<TAlternateKey>
        where TAlternateKey : notnull, allows ref struct
    {
        internal AlternateLookup(RcuDictionary<TKey, TValue> dictionary)
        {
            Dictionary = dictionary;
        }

        /// <summary>Gets the dictionary this lookup reads and writes.</summary>
        public RcuDictionary<TKey, TValue> Dictionary { get; }

        private IAlternateEqualityComparer<TAlternateKey, TKey> AlternateComparer =>
            Unsafe.As<IAlternateEqualityComparer<TAlternateKey, TKey>>(Dictionary.Comparer); // checked when the lookup was made

        /// <summary>Gets or sets the value of a key. Setting adds the pair (materialising the key) or replaces the value.</summary>
        /// <param name="key">The alternate key.</param>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
        /// <exception cref="KeyNotFoundException">Getting a key that is absent.</exception>
        /// <exception cref="ObjectDisposedException">Setting while the dictionary's domain is disposed.</exception>
        public TValue this[TAlternateKey key]
        {
            get
            {
                if (!TryGetValue(key, out TValue? value)) throw new KeyNotFoundException("The key was not present in the dictionary.");
                return value;
            }
            set
            {
                if (key is null) ThrowKeyNull();
                Dictionary[AlternateComparer.Create(key)] = value;
            }
        }

        /// <summary>Looks up a key. Wait-free, as <see cref="RcuDictionary{TKey, TValue}.TryGetValue"/>.</summary>
        /// <param name="key">The alternate key.</param>
        /// <param name="value">The value, if found.</param>
        /// <returns><see langword="true"/> if the key is present; otherwise <see langword="false"/>.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
        public bool TryGetValue(TAlternateKey key, [MaybeNullWhen(false)] out TValue value) => TryGetValue(key, out _, out value);

        /// <summary>Looks up a key and returns the stored key it matched. Wait-free.</summary>
        /// <param name="key">The alternate key.</param>
        /// <param name="actualKey">The key stored in the dictionary, if found.</param>
        /// <param name="value">The value, if found.</param>
        /// <returns><see langword="true"/> if the key is present; otherwise <see langword="false"/>.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
        public bool TryGetValue(TAlternateKey key, [MaybeNullWhen(false)] out TKey actualKey, [MaybeNullWhen(false)] out TValue value)
        {
            if (key is null) ThrowKeyNull();
            return Dictionary.TryGetAlternate(AlternateComparer, key, out actualKey, out value);
        }

        /// <summary>Returns whether the key is present. Wait-free.</summary>
        /// <param name="key">The alternate key.</param>
        /// <returns><see langword="true"/> if the key is present; otherwise <see langword="false"/>.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
        public bool ContainsKey(TAlternateKey key) => TryGetValue(key, out _, out _);

        /// <summary>Adds the pair if the key is absent, materialising the key only then.</summary>
        /// <param name="key">The alternate key.</param>
        /// <param name="value">The value to add.</param>
        /// <returns><see langword="true"/> if added; <see langword="false"/> if the key was present (nothing changes).</returns>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
        /// <exception cref="ObjectDisposedException">The key is absent and the dictionary's domain is disposed.</exception>
        public bool TryAdd(TAlternateKey key, TValue value)
        {
            // A present key answers false without allocating a key: the lookup is a linearization point of a failing add.
            if (TryGetValue(key, out _, out _)) return false;
            return Dictionary.TryAdd(AlternateComparer.Create(key), value);
        }

        /// <summary>Removes a key and returns its value.</summary>
        /// <param name="key">The alternate key.</param>
        /// <param name="value">The removed value, if removed.</param>
        /// <returns><see langword="true"/> if this call removed the key; otherwise <see langword="false"/>.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
        /// <exception cref="ObjectDisposedException">The key is present and the dictionary's domain is disposed.</exception>
        public bool TryRemove(TAlternateKey key, [MaybeNullWhen(false)] out TValue value) => TryRemove(key, out _, out value);

        /// <summary>
        /// Removes a key and returns the stored key and its value. The key is found by a lookup and removed by the ordinary
        /// write path; if another writer removes it in between, the lookup is repeated.
        /// </summary>
        /// <param name="key">The alternate key.</param>
        /// <param name="actualKey">The stored key that matched (equal, by the comparer, to the one removed), if removed.</param>
        /// <param name="value">The removed value, if removed.</param>
        /// <returns><see langword="true"/> if this call removed the key; otherwise <see langword="false"/>.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
        /// <exception cref="ObjectDisposedException">The key is present and the dictionary's domain is disposed.</exception>
        public bool TryRemove(TAlternateKey key, [MaybeNullWhen(false)] out TKey actualKey, [MaybeNullWhen(false)] out TValue value)
        {
            while (TryGetValue(key, out actualKey, out _))
            {
                if (Dictionary.TryRemove(actualKey, out value)) return true;
            }
            value = default;
            return false;
        }
    }
}
