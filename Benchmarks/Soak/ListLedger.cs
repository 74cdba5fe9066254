namespace RcuCollections.Benchmarks.Soak;

/// <summary>
/// An <see cref="RcuList{T}"/> (pooled or not) whose elements are amounts: writers move amounts between elements in
/// one batch edit and insert and remove zero markers. Every version is a consistent snapshot, so here readers check
/// the exact total on every read; and a <see cref="RcuList{T}.Read"/> span is fingerprinted twice in one section
/// (in pooled mode an array recycled while still being read would change under the reader).
/// </summary>
public sealed class ListLedger
{
    private const int Elements = 32;
    private const long InitialAmount = 100;
    private const long Total = Elements * InitialAmount;
    private const int MaxMarkers = 8;

    private readonly SoakLog _log;
    private readonly string _name;
    private int _markers; // zero markers inserted and not yet removed
    private Mismatch _count;
    private Mismatch _sum;

    /// <summary>Creates the list on <paramref name="domain"/>.</summary>
    /// <param name="domain">The world's domain.</param>
    /// <param name="pooled">Whether the list recycles arrays.</param>
    /// <param name="log">The verdict log.</param>
    /// <param name="world">The world's name.</param>
    public ListLedger(RcuDomain domain, bool pooled, SoakLog log, string world)
    {
        _log = log;
        _name = world + (pooled ? "/pooled-list" : "/list");
        long[] initial = new long[Elements];
        Array.Fill(initial, InitialAmount);
        // A small pool (at most 16 arrays of each of 4 lengths): the default budget lets a short list keep tens of
        // thousands of arrays, and how full it happens to be at a sample would swamp the heap series by megabytes.
        List = new RcuList<long>(initial, new RcuListOptions
        {
            Domain = domain,
            PoolArrays = pooled,
            MaxPooledArraysPerLength = 16,
            PooledElementsPerLength = 0,
        });
    }

    /// <summary>Gets the list.</summary>
    public RcuList<long> List { get; }

    /// <summary>One writer step.</summary>
    /// <param name="random">The writer's random stream.</param>
    /// <returns>Operations done.</returns>
    public int Write(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        switch (random.Next(8))
        {
            case 0:
                if (Volatile.Read(ref _markers) < MaxMarkers)
                {
                    // The list never holds fewer than Elements items, so this index is always valid.
                    List.Insert(random.Next(Elements + 1), 0);
                    Interlocked.Increment(ref _markers);
                }
                break;
            case 1:
                if (List.Remove(0))
                    Interlocked.Decrement(ref _markers);
                break;
            case 2:
                if (List.AddIfAbsent(0))
                    Interlocked.Increment(ref _markers);
                break;
            case 3:
                try
                {
                    // A batch edit that throws half-way must publish nothing.
                    List.Update(random.Next(), static (editor, seed) =>
                    {
                        editor[seed % editor.Count] += 1_000_000;
                        throw new SoakInjectedException("list edit");
                    });
                    _log.Violation($"{_name}: Update returned although its edit threw");
                }
                catch (SoakInjectedException)
                {
                }
                break;
            default:
                List.Update(new Transfer(random.Next(), random.Next(), 1 + random.Next(20)), static (editor, t) => t.Apply(editor));
                break;
        }
        return 1;
    }

    /// <summary>One reader step: a <see cref="RcuList{T}.Read"/> span, now and then a snapshot or an enumeration.</summary>
    /// <param name="random">The reader's random stream.</param>
    /// <returns>Operations done.</returns>
    public int Read(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int choice = random.Next(64);
        if (choice == 0)
        {
            // Snapshots escape their array (never recycled): rare, or the pooled list would stop recycling.
            CheckTotal(Sum(List.Snapshot().AsSpan()), "Snapshot");
            return 1;
        }
        if (choice == 1)
        {
            long sum = 0;
            foreach (long item in List)
                sum += item;
            CheckTotal(sum, "enumeration");
            return 1;
        }

        long before, after, total;
        int count;
        using (RcuListReader<long> reader = List.Read())
        {
            ReadOnlySpan<long> span = reader.Span;
            count = span.Length;
            before = Fingerprint(span);
            total = Sum(span);
            Thread.SpinWait(30);
            after = Fingerprint(span);
        }
        CheckTotal(total, "Read() span");
        if (before != after)
            _log.Violation($"{_name}: a Read() span changed while its section was open (array recycled under a reader)");
        if (count < Elements)
            _log.Violation($"{_name}: a version with {count} elements (never fewer than {Elements})");
        long element = List[random.Next(Elements)];
        if (element < 0)
            _log.Violation($"{_name}: indexer returned {element}; amounts stay non-negative");
        return 2;
    }

    /// <summary>At a quiescent point: the total and the count.</summary>
    public void CheckQuiescent()
    {
        _sum.Check(_log, Total, Sum(List.Snapshot().AsSpan()), $"{_name}: total at quiescence");
        _count.Check(_log, Elements + Volatile.Read(ref _markers), List.Count, $"{_name}: Count at quiescence (expected: elements + zero markers)");
    }

    /// <summary>Teardown: a last write that empties the list (its arrays go back to the pool after a grace period).</summary>
    public void Clear() => List.Clear();

    private void CheckTotal(long total, string where)
    {
        if (total != Total)
            _log.Violation($"{_name}: {where} sums to {total}, not {Total}: a version that is not a consistent snapshot");
    }

    private static long Sum(ReadOnlySpan<long> span)
    {
        long sum = 0;
        foreach (long item in span)
            sum += item;
        return sum;
    }

    private static long Fingerprint(ReadOnlySpan<long> span)
    {
        long hash = span.Length;
        for (int i = 0; i < span.Length; i++)
            hash = unchecked((hash * 31) + span[i]);
        return hash;
    }

    /// <summary>Moves an amount between two elements inside one edit, keeping every amount at least 1 and skipping the zero markers.</summary>
    private readonly record struct Transfer(int From, int To, long Amount)
    {
        public void Apply(RcuListEditor<long> editor)
        {
            int from = From % editor.Count;
            int to = To % editor.Count;
            if (from == to || editor[from] <= Amount || editor[to] == 0)
                return;
            editor[from] -= Amount;
            editor[to] += Amount;
        }
    }
}
