namespace RcuCollections.Tests.Checker.Broken;

/// <summary>
/// BROKEN ON PURPOSE: an array queue whose <see cref="Enqueue"/> reads the tail, writes its slot and then publishes
/// tail + 1, without claiming the slot atomically. Two concurrent enqueues can take the same slot: one element is lost
/// (overwritten) under contention. Dequeues are under a lock and are correct. Capacity is ample for small scenarios.
/// </summary>
public sealed class LossyQueue
{
    private readonly int[] _items = new int[4096];
    private readonly Lock _dequeueLock = new();
    private int _head;
    private int _tail;

    /// <summary>Appends a value (may lose it, or another, under contention: this is the bug).</summary>
    /// <param name="value">The value.</param>
    /// <exception cref="InvalidOperationException">The queue is full.</exception>
    public void Enqueue(int value)
    {
        int slot = Volatile.Read(ref _tail);
        if (slot == _items.Length)
        {
            throw new InvalidOperationException("The test queue is full.");
        }

        Window.Widen(); // another enqueue can read the same tail right here
        _items[slot] = value;
        Volatile.Write(ref _tail, slot + 1); // publishes the slot's value (pairs with the Volatile.Read in TryDequeue)
    }

    /// <summary>Removes the front value.</summary>
    /// <param name="value">The value removed.</param>
    /// <returns>Whether the queue had one.</returns>
    public bool TryDequeue(out int value)
    {
        lock (_dequeueLock)
        {
            if (_head == Volatile.Read(ref _tail))
            {
                value = 0;
                return false;
            }

            value = _items[_head++];
            return true;
        }
    }
}
