namespace RcuCollections.Tests.AddressSpaces;

/// <summary>
/// A direct linearizability check for a register written by one sequential writer with strictly increasing values
/// (generation 0 is the initial value): a history is linearizable iff (a) no read returns a value whose write had not
/// started when the read returned, (b) no read returns a value already overwritten by a write that completed before
/// the read started, and (c) no two reads ordered in real time return values in the opposite order.
/// </summary>
internal static class RegisterHistory
{
    public readonly record struct Write(int Value, long Invoke, long Response);

    public readonly record struct Read(int Value, long Invoke, long Response, int Thread);

    /// <summary>Returns the violations (empty when linearizable).</summary>
    public static List<string> Check(IReadOnlyList<Write> writes, IReadOnlyList<Read> reads)
    {
        List<string> problems = [];
        for (int g = 0; g < writes.Count; g++)
        {
            if (writes[g].Value != g)
            {
                problems.Add($"write #{g} wrote {writes[g].Value}");
            }
        }

        foreach (Read read in reads)
        {
            if (read.Value < 0 || read.Value >= writes.Count)
            {
                problems.Add($"read {read} returned a value never written");
                continue;
            }

            if (writes[read.Value].Invoke > read.Response)
            {
                problems.Add($"read {read} returned {read.Value} before its write started");
            }

            if (read.Value + 1 < writes.Count && writes[read.Value + 1].Response < read.Invoke)
            {
                problems.Add($"read {read} returned {read.Value} although {read.Value + 1} was complete before it started (stale)");
            }
        }

        // (c): sweep reads by start time; every read that completed before this one started bounds it from below.
        Read[] byInvoke = [.. reads.OrderBy(r => r.Invoke)];
        Read[] byResponse = [.. reads.OrderBy(r => r.Response)];
        int completed = 0;
        int floor = -1;
        Read floorRead = default;
        foreach (Read read in byInvoke)
        {
            while (completed < byResponse.Length && byResponse[completed].Response < read.Invoke)
            {
                if (byResponse[completed].Value > floor)
                {
                    floor = byResponse[completed].Value;
                    floorRead = byResponse[completed];
                }

                completed++;
            }

            if (read.Value < floor)
            {
                problems.Add($"new-old inversion: {floorRead} then {read}");
            }
        }

        return problems;
    }
}
