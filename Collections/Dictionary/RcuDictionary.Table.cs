using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace RcuCollections;

public sealed partial class RcuDictionary<TKey, TValue>
{
    /// <summary>
    /// One segment's open-addressed table: a power-of-two array of <see cref="Entry"/> slots, at most three quarters
    /// of them ever non-empty, so every probe sequence ends at an empty slot. A table is published once and replaced
    /// as a whole on resize or compaction; a replaced table is never written again until a grace period has passed.
    /// Then (this class is its own <see cref="RcuCallback"/>) its references are cleared and, if its segment still uses
    /// tables of its size, it becomes the segment's spare, so steady churn that compacts a table allocates nothing.
    /// </summary>
    private sealed class Table : RcuCallback
    {
        /// <summary>The table of a segment that holds nothing yet: two empty slots, never written, never reclaimed.</summary>
        public static readonly Table Empty = new(owner: null, capacity: 2, scrambled: false);

        /// <summary>
        /// The slots: <see cref="Capacity"/> of them, plus one never-used slot at the end in a scrambled table, so that the
        /// array alone tells a reader how to find a home slot (<see cref="ShapeOf"/>), with nothing to read beside it.
        /// </summary>
        public readonly Entry[] Entries;

        /// <summary>What <see cref="ShapeOf"/> returns for <see cref="Entries"/>, kept for the readers' table slot.</summary>
        public readonly int Shape;

        /// <summary>The most slots that may be non-empty (live, tombstones and reusable): three quarters of the capacity.</summary>
        public readonly int MaxUsed;

        /// <summary>The segment this table belongs to; <see langword="null"/> for <see cref="Empty"/>.</summary>
        private readonly Segment? _owner;

        public Table(Segment? owner, int capacity, bool scrambled)
        {
            Debug.Assert(BitOperations.IsPow2(capacity) && capacity >= 2);
            _owner = owner;
            Entries = new Entry[capacity + (scrambled ? 1 : 0)];
            MaxUsed = owner is null ? 0 : capacity - capacity / 4;
            Shape = ShapeOf(Entries);
        }

        /// <summary>The number of usable slots (a power of two, at least 2).</summary>
        public int Capacity => CapacityOf(Entries);

        /// <summary>Whether home slots are taken from the scrambled hash (<see cref="RcuDictionary{TKey, TValue}.Scramble"/>).</summary>
        public bool IsScrambled => (Entries.Length & 1) != 0;

        /// <summary>The usable slots of a table's array: its length without the scrambled table's extra slot.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int CapacityOf(Entry[] entries) => entries.Length & ~1;

        /// <summary>
        /// How a table's array places keys: <c>64 - log2(capacity)</c>, the shift that takes the home slot from the top bits
        /// of the (possibly scrambled) mixed hash once the segment bits are shifted out, plus <see cref="ScrambledShape"/> for
        /// a scrambled table. A 64-bit shift by the whole value shifts by its low six bits, which are the shift alone.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int ShapeOf(Entry[] entries) =>
            (64 - BitOperations.Log2((uint)CapacityOf(entries))) | ((entries.Length & 1) * ScrambledShape);

        /// <summary>Returns an empty table of <paramref name="capacity"/> slots for <paramref name="owner"/>: its spare if that fits, else a new one.</summary>
        public static Table Rent(Segment owner, int capacity, bool scrambled)
        {
            Debug.Assert(Monitor.IsEntered(owner));
            // The callback thread may be handing a table back right now: take the spare with an exchange.
            Table? spare = Interlocked.Exchange(ref owner.Spare, null);
            if (spare is null || spare.Capacity != capacity || spare.IsScrambled != scrambled) return new Table(owner, capacity, scrambled);
            // The spare's grace period has passed (it is set only by Invoke), so no reader can be on it: plain writes.
            Array.Clear(spare.Entries);
            return spare;
        }

        /// <summary>Runs on the domain's callback thread a grace period after this table was replaced.</summary>
        protected override void Invoke()
        {
            Segment owner = _owner!;
            // A racy read (the writer swaps tables under its lock): a stale answer only costs one allocation later, or
            // keeps a spare of the wrong size until the next rebuild drops it.
            if (Volatile.Read(ref owner.Table).Entries.Length != Entries.Length) return;
            // Clearing drops the keys and values the old slots still reference, so a spare keeps nothing alive (E).
            if (RuntimeHelpers.IsReferenceOrContainsReferences<Entry>()) Array.Clear(Entries);
            Volatile.Write(ref owner.Spare, this); // release: the cleared slots are visible to the writer that takes it
        }
    }
}
