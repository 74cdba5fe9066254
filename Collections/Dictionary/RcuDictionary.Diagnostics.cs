namespace RcuCollections;

public sealed partial class RcuDictionary<TKey, TValue>
{
    /// <summary>Measures the tables, taking each segment lock in turn (tests and benchmarks only).</summary>
    internal RcuDictionaryDiagnostics GetDiagnostics()
    {
        long capacity = 0, pending = 0;
        int maxCapacity = 0, longest = 0;
        foreach (Segment segment in _segments)
        {
            lock (segment)
            {
                Table table = segment.Table;
                capacity += table.Capacity;
                maxCapacity = Math.Max(maxCapacity, table.Capacity);
                pending += segment.Pending;
                foreach (int head in table.Buckets.AsSpan(0, table.BucketCount))
                {
                    int length = 0;
                    for (int index = head; index != 0; index = table.Entries[index - 1].Next) length++;
                    longest = Math.Max(longest, length);
                }
            }
        }
        return new RcuDictionaryDiagnostics(_segments.Length, capacity, maxCapacity, pending, longest);
    }
}
