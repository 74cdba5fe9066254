using System.Collections;
using System.Runtime.CompilerServices;

namespace RcuCollections;

public sealed partial class RcuList<T>
{
    /// <summary>
    /// A snapshot enumerator: walks one immutable version of the list. Later writes publish other versions, so
    /// the enumerator never sees them and never throws because of them. Like Java's COW iterator it cannot
    /// modify the list.
    /// </summary>
    public struct Enumerator : IEnumerator<T>
    {
        private readonly T[]? _items; // null only in default(Enumerator), which enumerates nothing
        private int _index;

        internal Enumerator(T[] items)
        {
            _items = items;
            _index = -1;
        }

        /// <summary>Gets the element at the enumerator's position.</summary>
        /// <exception cref="IndexOutOfRangeException">The enumerator is not positioned on an element.</exception>
        public readonly T Current => _items![_index];

        readonly object? IEnumerator.Current
        {
            get
            {
                if (_items is null || (uint)_index >= (uint)_items.Length)
                    throw new InvalidOperationException("The enumerator is positioned before the first element or after the last one.");
                return _items[_index];
            }
        }

        /// <summary>Advances to the next element of the snapshot.</summary>
        /// <returns><see langword="false"/> once the snapshot is exhausted.</returns>
        // Kept tiny so that it inlines into foreach loops: the loop then runs at the speed of an array loop.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool MoveNext()
        {
            T[]? items = _items;
            int next = _index + 1;
            if (items is not null && (uint)next < (uint)items.Length)
            {
                _index = next;
                return true;
            }
            _index = items?.Length ?? 0; // stays exhausted
            return false;
        }

        /// <summary>Rewinds to the start of the same snapshot.</summary>
        public void Reset() => _index = -1;

        /// <summary>Does nothing: a snapshot holds no section and no lock.</summary>
        public readonly void Dispose()
        {
        }
    }
}
