using System.Diagnostics;

namespace RcuCollections.Linearizability.Search;

/// <summary>
/// The call and return events of one partition in time order, as a doubly linked list over arrays, with the
/// "lift"/"unlift" operations of the Wing and Gong search: lifting an operation removes its call and return entries
/// (it has been linearized); unlifting puts them back. Unlifts happen in exactly the reverse order of lifts, so a removed
/// entry's own links still name its neighbours at the time of removal (the dancing-links trick) and reinsertion is O(1).
/// </summary>
/// <remarks>
/// Entry ids: the call of operation <c>i</c> is <c>2i</c>, its return <c>2i + 1</c>, and the head sentinel is
/// <c>2n</c>. <see cref="None"/> marks the end of the list.
/// </remarks>
internal sealed class EntryList
{
    /// <summary>No entry (the end of the list).</summary>
    public const int None = -1;

    private readonly int[] _next;
    private readonly int[] _previous;
    private readonly int _head;

    /// <summary>Builds the list from call and return times. Equal times put calls before returns (overlap).</summary>
    /// <param name="calls">Call time of each operation.</param>
    /// <param name="returns">Return time of each operation.</param>
    public EntryList(ReadOnlySpan<long> calls, ReadOnlySpan<long> returns)
    {
        Debug.Assert(calls.Length == returns.Length);
        int count = calls.Length;
        _head = 2 * count;
        _next = new int[2 * count + 1];
        _previous = new int[2 * count + 1];

        var order = new int[2 * count];
        var times = new long[2 * count];
        for (int entry = 0; entry < order.Length; entry++)
        {
            order[entry] = entry;
            times[entry] = IsCall(entry) ? calls[entry >> 1] : returns[entry >> 1];
        }

        // Sort by (time, calls before returns, operation): a call and a return at the same instant overlap, which can
        // only allow more linearizations; the operation index makes the order (and so the search) deterministic.
        Array.Sort(order, (a, b) =>
        {
            int byTime = times[a].CompareTo(times[b]);
            if (byTime != 0)
            {
                return byTime;
            }

            int byKind = (a & 1).CompareTo(b & 1);
            return byKind != 0 ? byKind : a.CompareTo(b);
        });

        int previous = _head;
        foreach (int entry in order)
        {
            _next[previous] = entry;
            _previous[entry] = previous;
            previous = entry;
        }

        _next[previous] = None;
        _previous[_head] = None;
    }

    /// <summary>The first entry, or <see cref="None"/> when every operation is lifted.</summary>
    public int First => _next[_head];

    /// <summary>Whether every operation has been lifted.</summary>
    public bool IsEmpty => _next[_head] == None;

    /// <summary>Whether <paramref name="entry"/> is a call (rather than a return) entry.</summary>
    /// <param name="entry">An entry id.</param>
    /// <returns><see langword="true"/> for a call entry.</returns>
    public static bool IsCall(int entry) => (entry & 1) == 0;

    /// <summary>The operation an entry belongs to.</summary>
    /// <param name="entry">An entry id.</param>
    /// <returns>The operation index.</returns>
    public static int OperationOf(int entry) => entry >> 1;

    /// <summary>The call entry of an operation.</summary>
    /// <param name="operation">An operation index.</param>
    /// <returns>Its call entry id.</returns>
    public static int CallOf(int operation) => operation << 1;

    /// <summary>The entry after <paramref name="entry"/>.</summary>
    /// <param name="entry">An entry in the list.</param>
    /// <returns>The following entry, or <see cref="None"/>.</returns>
    public int Next(int entry) => _next[entry];

    /// <summary>Removes an operation's call and return entries (it has just been linearized).</summary>
    /// <param name="operation">An operation whose entries are in the list.</param>
    public void Lift(int operation)
    {
        Remove(operation << 1);
        Remove((operation << 1) | 1);
    }

    /// <summary>Reinserts the entries of the most recently lifted operation still lifted.</summary>
    /// <param name="operation">That operation.</param>
    public void Unlift(int operation)
    {
        // Reverse order of Lift: the return entry's saved links may point at the call's old neighbour, which is
        // restored before the call entry itself is put back in front of it.
        Reinsert((operation << 1) | 1);
        Reinsert(operation << 1);
    }

    private void Remove(int entry)
    {
        int previous = _previous[entry];
        int next = _next[entry];
        _next[previous] = next;
        if (next != None)
        {
            _previous[next] = previous;
        }
    }

    private void Reinsert(int entry)
    {
        int previous = _previous[entry];
        int next = _next[entry];
        _next[previous] = entry;
        if (next != None)
        {
            _previous[next] = entry;
        }
    }
}
