using System.Runtime.InteropServices;

namespace RcuCollections;

public sealed partial class RcuDictionary<TKey, TValue>
{
    /// <summary><see cref="Entry.Meta"/> of a slot never used in its table: it ends every probe sequence that reaches it.</summary>
    private const int EmptySlot = 0;

    /// <summary><see cref="Entry.Meta"/> of a removed pair: probes pass over it; it waits for a grace period before reuse.</summary>
    private const int TombstoneSlot = 1;

    /// <summary>One step of the reuse generation in <see cref="TableSlot.State"/>; also its odd bit.</summary>
    private const long GenerationOne = 1L << 32;

    /// <summary>The flag of <see cref="Table.Shape"/> that marks a scrambled table; above every shift, so shapes compare by it.</summary>
    private const int ScrambledShape = 0x100;

    /// <summary>
    /// A flag of the readers' table slot shape (never of a table's own): this dictionary's lookups must not take the
    /// written-out path of TryGetValue (a value-type key with a custom comparer). Above every shift, like ScrambledShape.
    /// </summary>
    private const int GeneralShape = 0x200;

    /// <summary><see cref="Entry.Meta"/> of a removed pair whose grace period has completed: probes pass over it, inserts may reuse it.</summary>
    private const int ReusableSlot = 2;

    /// <summary>
    /// One slot of a segment's open-addressed table (linear probing). A pair is written into a slot while no reader
    /// can be reading it as live (an empty slot, or a reusable one inside a reuse window), then published by one
    /// release store of <see cref="Meta"/>. After publication only <see cref="Meta"/> changes (to a tombstone, by
    /// one <see cref="int"/> store) and <see cref="Value"/> when <see cref="s_isValueWriteAtomic"/> allows an
    /// in-place update. So a reader that loads a live <see cref="Meta"/> with acquire sees that pair, never a torn one.
    /// </summary>
    /// <remarks>
    /// Keys, values and state sit inline in one struct so a lookup touches one cache line after the table reference:
    /// for <c>int → int</c> a slot is 12 bytes, and a miss on a large table costs one cache miss, not two (chain head,
    /// then node) as in a chained table. Sequential layout: the runtime pads an auto-layout struct to a multiple of the
    /// pointer size (16 bytes for three ints), and uses auto layout anyway for structs that hold references.
    /// </remarks>
    [StructLayout(LayoutKind.Sequential)]
    private struct Entry
    {
        /// <summary>
        /// The slot state, or for a live pair its tag: the comparer's hash code with the sign bit set (<see cref="TagOf"/>),
        /// so every live tag is negative and differs from <see cref="EmptySlot"/>, <see cref="TombstoneSlot"/> and
        /// <see cref="ReusableSlot"/>. Compared before the key; the home slot and segment are derived from it.
        /// </summary>
        public int Meta;

        public TKey Key;

        public TValue Value;
    }

    /// <summary>The live tag of a hash code: the hash with its sign bit set (one bit of hash lost, three states gained).</summary>
    private static int TagOf(int hash) => hash | int.MinValue;
}
