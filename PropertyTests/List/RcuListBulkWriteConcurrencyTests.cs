using RcuCollections.Tests.Hostile;

namespace RcuCollections.Tests.List;

/// <summary>
/// The List-style bulk writes each publish one whole version, and the List-style queries each read one: a writer
/// runs Sort, ReplaceAll, InsertRange and RemoveRange while readers call ToArray, Find, FindIndex, FindLast, Exists,
/// IndexOf, LastIndexOf and ConvertAll. Every element of a version carries the same stamp (ReplaceAll moves all of
/// them to the next stamp at once; the other writes keep the stamp), so a query that mixed two versions, saw a
/// half-built one or a recycled array (pooled mode clears arrays entering the pool) would see two stamps or a null.
/// </summary>
public sealed class RcuListBulkWriteConcurrencyTests
{
    public static TheoryData<bool> Modes => new() { false, true };

    /// <summary>An element: its version stamp and a key. A probe (with <see cref="Seen"/>) equals nothing and records the stamps it was compared with.</summary>
    private sealed class Stamped(int stamp, int key) : IEquatable<Stamped>
    {
        public int Stamp { get; } = stamp;

        public int Key { get; } = key;

        public HashSet<int>? Seen { get; init; }

        public static Stamped Probe() => new(-1, -1) { Seen = [] };

        public bool Equals(Stamped? other)
        {
            if (other is null) return false;
            if (Seen is not null) { Seen.Add(other.Stamp); return false; }
            if (other.Seen is not null) { other.Seen.Add(Stamp); return false; }
            return Stamp == other.Stamp && Key == other.Key;
        }

        public override bool Equals(object? obj) => Equals(obj as Stamped);

        public override int GetHashCode() => HashCode.Combine(Stamp, Key);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void QueriesDuringBulkWrites_AlwaysSeeOneWholeVersion(bool pooled)
    {
        using RcuDomain domain = ListTestSupport.CreateFastDomain();
        var list = new RcuList<Stamped?>(
            Enumerable.Range(0, 24).Select(k => new Stamped(0, k)),
            new RcuListOptions { Domain = domain, PoolArrays = pooled });
        var duration = TimeSpan.FromMilliseconds(ListTestSupport.Tier(400, 4000));
        int stamp = 0, nextKey = 24; // the writer's own state
        var random = new Random(77);
        long[] writes = new long[4];
        long queries = 0;

        void Writer(int i)
        {
            int kind = i % 4;
            switch (kind)
            {
                case 0:
                    int next = stamp + 1;
                    list.ReplaceAll(x => new Stamped(next, x!.Key));
                    stamp = next;
                    break;
                case 1:
                    bool descending = (i / 4) % 2 == 1;
                    list.Sort((a, b) => descending ? b!.Key.CompareTo(a!.Key) : a!.Key.CompareTo(b!.Key));
                    break;
                case 2:
                    int n = random.Next(1, 5);
                    var added = new Stamped?[n];
                    for (int j = 0; j < n; j++) added[j] = new Stamped(stamp, nextKey++);
                    list.InsertRange(random.Next(list.Count + 1), added);
                    break;
                default:
                    int count = list.Count; // only this thread writes, so the count is stable here
                    int remove = Math.Min(count - 8, random.Next(1, 6));
                    if (remove > 0) list.RemoveRange(random.Next(count - remove + 1), remove);
                    break;
            }
            writes[kind]++;
        }

        static void Uniform(IEnumerable<int> stamps, string what)
        {
            int distinct = stamps.Distinct().Count();
            if (distinct > 1) throw new InvalidOperationException($"{what} saw {distinct} stamps: it mixed versions.");
        }

        void Reader(int i)
        {
            Stamped?[] all = list.ToArray();
            if (all.Length < 8 || Array.IndexOf(all, null) >= 0) throw new InvalidOperationException($"ToArray saw {all.Length} elements or a null.");
            Uniform(all.Select(x => x!.Stamp), "ToArray");

            // Stateful predicates: each remembers the first stamp it was shown and looks for any other one (or a null).
            int? first = null;
            bool Other(Stamped? x) => x is null || (first ??= x.Stamp) != x.Stamp;
            if (list.FindIndex(Other) != -1) throw new InvalidOperationException("FindIndex saw two stamps.");
            first = null;
            if (list.FindLastIndex(Other) != -1) throw new InvalidOperationException("FindLastIndex saw two stamps.");
            first = null;
            if (list.Exists(Other)) throw new InvalidOperationException("Exists saw two stamps.");
            first = null;
            if (list.Find(Other) is not null) throw new InvalidOperationException("Find saw two stamps.");
            first = null;
            if (list.FindLast(Other) is not null) throw new InvalidOperationException("FindLast saw two stamps.");

            // Equality runs against every element: a probe records the stamps it was compared with.
            Stamped probe = Stamped.Probe();
            int found = (i % 3) switch
            {
                0 => list.IndexOf(probe, 0),
                1 => list.LastIndexOf(probe),
                _ => list.IndexOf(probe, 1, 6),
            };
            if (found != -1 || probe.Seen!.Count != 1) throw new InvalidOperationException($"IndexOf/LastIndexOf saw stamps {string.Join(",", probe.Seen!)}.");

            List<int> stamps = list.ConvertAll(x => x is null ? -1 : x.Stamp);
            if (stamps.Count < 8) throw new InvalidOperationException("ConvertAll saw a short version.");
            Uniform(stamps, "ConvertAll");
            Interlocked.Increment(ref queries);
        }

        Hammer.Run(duration, Writer, Reader, Reader);

        Assert.All(writes, w => Assert.True(w > 0, $"each bulk write ran: {string.Join(",", writes)}"));
        Assert.True(Interlocked.Read(ref queries) > 0);
        Stamped?[] final = list.ToArray();
        Assert.All(final, x => Assert.Equal(stamp, x!.Stamp));
        Assert.Equal(final.Length, final.Select(x => x!.Key).Distinct().Count()); // no element duplicated or lost to a torn copy
    }
}
