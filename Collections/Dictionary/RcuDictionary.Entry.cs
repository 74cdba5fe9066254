using System.Runtime.InteropServices;

namespace RcuCollections;

public sealed partial class RcuDictionary<TKey, TValue>
{
    /// <summary>
    /// One slot of a segment's entry array. A slot is written only while no reader can reach it (fresh, or
    /// recycled after a grace period) and then published by a release store of the link that points to it.
    /// After publication only <see cref="Next"/> changes (a single <see cref="int"/> store, so atomic), and
    /// <see cref="Value"/> when <see cref="s_isValueWriteAtomic"/> allows an in-place update. Hence a reader
    /// never sees a torn key/value pair, whatever the size of <typeparamref name="TValue"/>.
    /// </summary>
    [StructLayout(LayoutKind.Auto)]
    private struct Entry
    {
        /// <summary>The key's hash code as the comparer returned it; compared before the key, and reused by resizes.</summary>
        public int HashCode;

        /// <summary>The 1-based index of the next entry in the chain (0 ends it); while the slot is free, the next free slot.</summary>
        public int Next;

        public TKey Key;

        public TValue Value;
    }
}
