using System.Collections;

namespace RcuCollections;

public sealed partial class RcuDictionary<TKey, TValue>
{
    /// <summary>
    /// Enumerates segment by segment: each segment's pairs are copied in one short read section (one traversal of
    /// one table version, so no key twice, and every key present throughout is found), then yielded outside any
    /// section, so a consumer may block, await, or call <see cref="RcuDomain.Synchronize"/> between items.
    /// </summary>
    private sealed class Enumerator : IEnumerator<KeyValuePair<TKey, TValue>>
    {
        private readonly RcuDictionary<TKey, TValue> _owner;
        private KeyValuePair<TKey, TValue>[] _buffer = [];
        private int _segment = -1;
        private int _count;
        private int _position;

        public Enumerator(RcuDictionary<TKey, TValue> owner) => _owner = owner;

        public KeyValuePair<TKey, TValue> Current { get; private set; }

        object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            while (_position >= _count)
            {
                if (_segment + 1 >= _owner._segments.Length)
                {
                    Current = default;
                    return false;
                }
                _segment++;
                _position = 0;
                _count = _owner.SnapshotSegment(_segment, ref _buffer);
            }
            Current = _buffer[_position++];
            return true;
        }

        public void Reset()
        {
            _segment = -1;
            _count = 0;
            _position = 0;
            Current = default;
        }

        public void Dispose()
        {
            // Drop the references the buffer holds so a finished enumerator keeps no pairs alive.
            Array.Clear(_buffer);
            _count = 0;
        }
    }
}
