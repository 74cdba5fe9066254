using System.Collections;

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
        private readonly T[] _items;
        private int _index;
        private T _current;

        internal Enumerator(T[] items)
        {
            _items = items;
            _index = -1;
            _current = default!;
        }

        /// <summary>Gets the element at the enumerator's position.</summary>
        public readonly T Current => _current;

        readonly object? IEnumerator.Current
        {
            get
            {
                if ((uint)_index >= (uint)(_items?.Length ?? 0))
                    throw new InvalidOperationException("The enumerator is positioned before the first element or after the last one.");
                return _current;
            }
        }

        /// <summary>Advances to the next element of the snapshot.</summary>
        /// <returns><see langword="false"/> once the snapshot is exhausted.</returns>
        public bool MoveNext()
        {
            T[]? items = _items;
            if (items is null) return false; // default(Enumerator): an empty sequence
            int next = _index + 1;
            if ((uint)next < (uint)items.Length)
            {
                _index = next;
                _current = items[next];
                return true;
            }
            _index = items.Length;
            _current = default!;
            return false;
        }

        /// <summary>Rewinds to the start of the same snapshot.</summary>
        public void Reset()
        {
            _index = -1;
            _current = default!;
        }

        /// <summary>Does nothing: a snapshot holds no section and no lock.</summary>
        public readonly void Dispose()
        {
        }
    }
}
