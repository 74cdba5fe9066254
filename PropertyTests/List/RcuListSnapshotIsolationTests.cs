using System.Collections.Immutable;

namespace RcuCollections.Tests.List;

/// <summary>
/// Snapshot isolation (Java's COW iterator contract): an enumerator, a <see cref="RcuList{T}.Snapshot"/> or a
/// <see cref="RcuList{T}.Read"/> span taken before a write never sees that write and never throws because of it.
/// </summary>
public sealed class RcuListSnapshotIsolationTests
{
    public static TheoryData<bool> Modes => new() { false, true };

    private static RcuList<int> Create(bool pooled, IEnumerable<int> items) =>
        new(items, new RcuListOptions { PoolArrays = pooled });

    [Theory]
    [MemberData(nameof(Modes))]
    public void EnumeratorStartedBeforeWrites_SeesOnlyItsVersion(bool pooled)
    {
        RcuList<int> list = Create(pooled, [1, 2, 3, 4]);
        RcuList<int>.Enumerator e = list.GetEnumerator();
        Assert.True(e.MoveNext());

        list.Add(5);
        list.Insert(0, 0);
        list[2] = 99;
        list.RemoveAt(3);
        list.Remove(4);
        list.Update(static e => e.AsSpan().Reverse());
        list.Clear();

        var rest = new List<int> { e.Current };
        while (e.MoveNext()) rest.Add(e.Current);
        Assert.Equal([1, 2, 3, 4], rest);
        Assert.Empty(list);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void SnapshotAndReadSpan_AreUnaffectedByLaterWrites(bool pooled)
    {
        RcuList<int> list = Create(pooled, [1, 2, 3]);
        ImmutableArray<int> snapshot = list.Snapshot();
        using (RcuListReader<int> reader = list.Read())
        {
            list[0] = 10;
            list.Add(4);
            Assert.Equal([1, 2, 3], reader.Span.ToArray());
        }
        Assert.Equal<int>([1, 2, 3], snapshot);
        Assert.Equal([10, 2, 3, 4], list.Snapshot().ToArray());
    }

    [Fact]
    public void Snapshot_IsO1_TheSameArrayUntilTheNextWrite()
    {
        var list = new RcuList<int>([1, 2, 3]);
        ImmutableArray<int> first = list.Snapshot();
        ImmutableArray<int> second = list.Snapshot();
        Assert.True(first == second); // ImmutableArray equality is reference equality of the underlying array
        list.Add(4);
        Assert.False(first == list.Snapshot());
    }

    [Fact]
    public void Reader_AfterDispose_Throws()
    {
        var list = new RcuList<int>([1]);
        RcuListReader<int> reader = list.Read();
        Assert.Equal(1, reader.Count);
        Assert.Equal(1, reader[0]);
        reader.Dispose();
        bool threw = false;
        try
        {
            _ = reader.Span;
        }
        catch (ObjectDisposedException)
        {
            threw = true;
        }
        Assert.True(threw);
        Assert.False(list.Domain.InReadSection);
    }

    [Fact]
    public void Read_HoldsAReadSection_UntilDisposed()
    {
        var list = new RcuList<int>([1]);
        Assert.False(list.Domain.InReadSection);
        using (RcuListReader<int> reader = list.Read())
        {
            Assert.True(list.Domain.InReadSection);
            int sum = 0;
            foreach (int x in reader) sum += x;
            Assert.Equal(1, sum);
        }
        Assert.False(list.Domain.InReadSection);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void ConcurrentEnumerations_NeverThrow_AndAlwaysSeeAWholeVersion(bool pooled)
    {
        // The writer keeps the list equal to 0, 1, ..., k-1 for a changing k (appends, removes the tail, batch edits
        // that rebuild it). Any enumeration, snapshot or span must therefore be such a prefix.
        RcuList<int> list = Create(pooled, Enumerable.Range(0, 32));
        var duration = TimeSpan.FromMilliseconds(ListTestSupport.Tier(300, 4000));
        using var stop = new CancellationTokenSource();
        Exception? failure = null;
        long enumerations = 0;

        void Fail(Exception e) => Interlocked.CompareExchange(ref failure, e, null);

        void Reader()
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    int expected = 0;
                    foreach (int x in list)
                    {
                        if (x != expected++) throw new InvalidOperationException($"Enumeration saw {x} where {expected - 1} belongs.");
                    }
                    ImmutableArray<int> snap = list.Snapshot();
                    for (int i = 0; i < snap.Length; i++)
                        if (snap[i] != i) throw new InvalidOperationException("Snapshot is not a prefix.");
                    using (RcuListReader<int> r = list.Read())
                    {
                        ReadOnlySpan<int> span = r.Span;
                        for (int i = 0; i < span.Length; i++)
                            if (span[i] != i) throw new InvalidOperationException("Read span is not a prefix.");
                    }
                    Interlocked.Increment(ref enumerations);
                }
            }
            catch (Exception e)
            {
                Fail(e);
            }
        }

        void Writer()
        {
            try
            {
                var random = new Random(7);
                while (!stop.IsCancellationRequested)
                {
                    int count = list.Count; // only this thread writes: the count is stable between its writes
                    switch (random.Next(3))
                    {
                        case 0 when count < 64: list.Add(count); break;
                        case 1 when count > 0: list.RemoveAt(count - 1); break;
                        default:
                            list.Update(random.Next(64), static (e, k) =>
                            {
                                e.Clear();
                                for (int i = 0; i < k; i++) e.Add(i);
                            });
                            break;
                    }
                }
            }
            catch (Exception e)
            {
                Fail(e);
            }
        }

        var threads = new[] { new Thread(Reader), new Thread(Reader), new Thread(Writer) };
        foreach (Thread t in threads) t.Start();
        stop.CancelAfter(duration);
        foreach (Thread t in threads) Assert.True(t.Join(ListTestSupport.Patience));
        Assert.Null(failure);
        Assert.True(Interlocked.Read(ref enumerations) > 0);
    }
}
