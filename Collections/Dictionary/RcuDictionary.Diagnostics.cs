using System.Diagnostics;

namespace RcuCollections;

public sealed partial class RcuDictionary<TKey, TValue>
{
    /// <summary>The multiplier of this instance's multiply-shift hashing (tests that play the attacker who knows it).</summary>
    internal ulong HashMultiplier => _multiplier;

    /// <summary>Measures the tables, taking each segment lock in turn (tests and benchmarks only).</summary>
    internal RcuDictionaryDiagnostics GetDiagnostics()
    {
        long capacity = 0, pending = 0, live = 0, probes = 0, rebuilds = 0, scrambled = 0;
        int maxCapacity = 0, longest = 0;
        foreach (Segment segment in _segments)
        {
            lock (segment)
            {
                Entry[] entries = segment.Table.Entries;
                capacity += segment.Table.Capacity;
                maxCapacity = Math.Max(maxCapacity, segment.Table.Capacity);
                pending += segment.Pending;
                rebuilds += segment.Rebuilds;
                if (segment.Table.IsScrambled) scrambled++;
                long segmentProbes = 0;
                for (int i = 0; i < entries.Length; i++)
                {
                    if (entries[i].Meta >= 0) continue;
                    // Probes a successful lookup of this pair makes: its distance from its home slot, plus one.
                    int home = HomeSlot(Mix(entries[i].Meta), entries);
                    int length = ((i - home) & (segment.Table.Capacity - 1)) + 1;
                    longest = Math.Max(longest, length);
                    probes += length;
                    segmentProbes += length;
                    live++;
                }
                Debug.Assert(segmentProbes == segment.ProbeSum, "the incremental probe count drifted");
            }
        }
        double mean = live == 0 ? 0 : (double)probes / live;
        return new RcuDictionaryDiagnostics(_segments.Length, capacity, maxCapacity, pending, longest, mean, rebuilds, (int)scrambled);
    }
}
