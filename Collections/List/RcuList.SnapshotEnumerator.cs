using System.Collections;

namespace RcuCollections;

public sealed partial class RcuList<T>
{
    /// <summary>The <see cref="IEnumerator{T}"/> handed out through the interfaces: the same snapshot semantics as <see cref="Enumerator"/>, plus <see cref="Reset"/>.</summary>
    private sealed class SnapshotEnumerator(T[] items) : IEnumerator<T>
    {
        private int _index = -1;

        public T Current => (uint)_index < (uint)items.Length
            ? items[_index]
            : throw new InvalidOperationException("The enumerator is positioned before the first element or after the last one.");

        object? IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (_index + 1 < items.Length)
            {
                _index++;
                return true;
            }
            _index = items.Length;
            return false;
        }

        public void Reset() => _index = -1;

        public void Dispose()
        {
            // A snapshot holds no section and no lock.
        }
    }
}
