namespace RcuCollections.Tests.List;

/// <summary>
/// Writers racing each other: every write is atomic (nothing lost, nothing duplicated), and the conditional adds
/// (<see cref="RcuList{T}.AddIfAbsent"/>, <see cref="RcuList{T}.AddAllAbsent"/>) test and add in one step.
/// </summary>
public sealed class RcuListConcurrentWriterTests
{
    public static TheoryData<bool> Modes => new() { false, true };

    private static readonly int Writers = 4;

    private static void RunConcurrently(int threads, Action<int> body)
    {
        using var start = new Barrier(threads);
        Exception? failure = null;
        var workers = Enumerable.Range(0, threads).Select(id => new Thread(() =>
        {
            try
            {
                start.SignalAndWait(ListTestSupport.Patience);
                body(id);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }
        })).ToArray();
        foreach (Thread t in workers) t.Start();
        foreach (Thread t in workers) Assert.True(t.Join(ListTestSupport.Patience));
        Assert.Null(failure);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void AddIfAbsent_FromRacingWriters_AddsEachValueExactlyOnce(bool pooled)
    {
        int values = ListTestSupport.Tier(200, 2000);
        var list = new RcuList<int>(new RcuListOptions { PoolArrays = pooled });
        var wins = new int[values];
        RunConcurrently(Writers, id =>
        {
            // Each writer walks the values in its own order, so the races land on different values.
            foreach (int v in Enumerable.Range(0, values).OrderBy(v => (v * 7919 + id * 104729) % values))
            {
                if (list.AddIfAbsent(v)) Interlocked.Increment(ref wins[v]);
            }
        });
        Assert.All(wins, w => Assert.Equal(1, w));
        Assert.Equal(values, list.Count);
        Assert.Equal(Enumerable.Range(0, values), list.Order());
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void AddAllAbsent_FromRacingWriters_AddsEachValueExactlyOnce(bool pooled)
    {
        int values = ListTestSupport.Tier(120, 1200);
        var list = new RcuList<int>(new RcuListOptions { PoolArrays = pooled });
        long added = 0;
        RunConcurrently(Writers, id =>
        {
            // Overlapping chunks (with duplicates inside each chunk) from every writer.
            for (int start = id % 3; start < values; start += 7)
            {
                int[] chunk = Enumerable.Range(start, 10).Where(v => v < values).Concat([start]).ToArray();
                Interlocked.Add(ref added, list.AddAllAbsent(chunk));
            }
        });
        Assert.Equal(list.Count, Interlocked.Read(ref added));
        Assert.Equal(list.Count, list.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void RacingAddsAndRemoves_LoseNothing(bool pooled)
    {
        int perWriter = ListTestSupport.Tier(300, 3000);
        var list = new RcuList<int>(new RcuListOptions { PoolArrays = pooled });
        RunConcurrently(Writers, id =>
        {
            for (int i = 0; i < perWriter; i++) list.Add(id * perWriter + i);
        });
        Assert.Equal(Enumerable.Range(0, Writers * perWriter), list.Order());

        var removed = new int[Writers * perWriter];
        RunConcurrently(Writers, id =>
        {
            // Every writer tries to remove every value; exactly one must succeed for each.
            for (int i = 0; i < removed.Length; i++)
            {
                int v = (i + id * perWriter) % removed.Length;
                if (list.Remove(v)) Interlocked.Increment(ref removed[v]);
            }
        });
        Assert.All(removed, r => Assert.Equal(1, r));
        Assert.Empty(list);
    }

    [Fact]
    public void BatchEdits_FromRacingWriters_AreAtomic()
    {
        // Each edit appends a pair (v, v); readers must never see an odd count or a split pair.
        var list = new RcuList<int>();
        int editsPerWriter = ListTestSupport.Tier(200, 2000);
        using var done = new CancellationTokenSource();
        string? problem = null;
        var reader = new Thread(() =>
        {
            while (!done.IsCancellationRequested)
            {
                using RcuListReader<int> r = list.Read();
                ReadOnlySpan<int> span = r.Span;
                if (span.Length % 2 != 0) { problem = "odd count"; return; }
                for (int i = 0; i < span.Length; i += 2)
                    if (span[i] != span[i + 1]) { problem = "split pair"; return; }
            }
        });
        reader.Start();
        RunConcurrently(Writers, id =>
        {
            for (int i = 0; i < editsPerWriter; i++)
                list.Update(id * editsPerWriter + i, static (e, v) => { e.Add(v); e.Add(v); });
        });
        done.Cancel();
        Assert.True(reader.Join(ListTestSupport.Patience));
        Assert.Null(problem);
        Assert.Equal(2 * Writers * editsPerWriter, list.Count);
    }
}
