using System.Collections.Immutable;
using System.Runtime.InteropServices;
using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.List;

/// <summary>
/// Pooled mode: arrays are recycled only after a grace period, never while a <see cref="RcuList{T}.Read"/> section
/// could see them, never once escaped through a snapshot, and steady-state writes allocate nothing. Recycled arrays
/// are poisoned by a test hook, so any premature reuse shows up as poison in a reader's span.
/// </summary>
public sealed class RcuListPoolingTests
{
    private const int Poison = int.MinValue;

    [Fact]
    public void ReplacedArray_IsRecycledAfterAGracePeriod_AndReusedByTheNextWriteOfThatLength()
    {
        using RcuDomain domain = ListTestSupport.CreateFastDomain();
        var list = new RcuList<int>([1, 2, 3], new RcuListOptions { Domain = domain, PoolArrays = true });
        int recycled = 0;
        list.Pool!.RecycleHook = _ => Interlocked.Increment(ref recycled);

        list[0] = 10;          // retires the constructor's version
        domain.Barrier();      // its grace period has passed and its callback has run
        Assert.Equal(1, Volatile.Read(ref recycled));
        Assert.Equal(1, list.Pool.RetainedCount);

        list[1] = 20;          // same length: served from the pool
        Assert.Equal(1, list.Pool.Hits);
        Assert.Equal([10, 20, 3], list);
    }

    [Fact]
    public void ReaderInsideItsSection_HoldsOffRecycling_UntilItLeaves()
    {
        using RcuDomain domain = ListTestSupport.CreateFastDomain();
        var list = new RcuList<int>([7, 7, 7], new RcuListOptions { Domain = domain, PoolArrays = true });
        int recycled = 0;
        list.Pool!.RecycleHook = array =>
        {
            array.AsSpan().Fill(Poison);
            Interlocked.Increment(ref recycled);
        };

        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        int[]? seenAtEnd = null;
        var reader = new Thread(() =>
        {
            using RcuListReader<int> r = list.Read();
            entered.Set();
            release.Wait(ListTestSupport.Patience);
            seenAtEnd = r.Span.ToArray(); // still inside the section: must be the original, unpoisoned contents
        });
        reader.Start();
        Assert.True(entered.Wait(ListTestSupport.Patience));

        try
        {
            list[0] = 8; // retires the version the reader holds
            RcuGracePeriodCookie cookie = domain.StartGracePeriodPoll();
            // Many poll intervals of the fast domain: a grace period would long have completed without the reader.
            Thread.Sleep(60);
            Assert.False(domain.IsGracePeriodCompleted(cookie));
            Assert.Equal(0, Volatile.Read(ref recycled));
        }
        finally
        {
            release.Set();
            Assert.True(reader.Join(ListTestSupport.Patience));
        }
        Assert.Equal(new[] { 7, 7, 7 }, seenAtEnd);
        domain.Barrier();
        Assert.Equal(1, Volatile.Read(ref recycled));
    }

    [Fact]
    public void EscapedSnapshots_AreNeverRecycled()
    {
        using RcuDomain domain = ListTestSupport.CreateFastDomain();
        var list = new RcuList<int>([1, 2, 3], new RcuListOptions { Domain = domain, PoolArrays = true });
        var recycledArrays = new List<int[]>();
        list.Pool!.RecycleHook = array =>
        {
            lock (recycledArrays) recycledArrays.Add(array);
            array.AsSpan().Fill(Poison);
        };

        ImmutableArray<int> snapshot = list.Snapshot();
        RcuList<int>.Enumerator enumerator = default;
        for (int i = 0; i < 20; i++)
        {
            if (i == 5) enumerator = list.GetEnumerator(); // escapes the version current at i == 5
            list[0] = 100 + i;
            domain.Barrier();
        }

        Assert.Equal<int>([1, 2, 3], snapshot);
        var enumerated = new List<int>();
        while (enumerator.MoveNext()) enumerated.Add(enumerator.Current);
        Assert.Equal<int>([104, 2, 3], enumerated);
        int[] snapshotArray = ImmutableCollectionsMarshal.AsArray(snapshot)!;
        lock (recycledArrays)
        {
            Assert.NotEmpty(recycledArrays); // the non-escaped versions were recycled: the test can see recycling
            Assert.DoesNotContain(recycledArrays, a => ReferenceEquals(a, snapshotArray));
        }
    }

    [Fact]
    public void PoisonedRecycledArrays_AreNeverObservedByReaders_UnderConcurrentWrites()
    {
        using RcuDomain domain = ListTestSupport.CreateFastDomain();
        const int Length = 48;
        var list = new RcuList<int>(Enumerable.Repeat(0, Length), new RcuListOptions { Domain = domain, PoolArrays = true, MaxPooledArraysPerLength = 8, PooledElementsPerLength = 0 });
        long poisoned = 0;
        list.Pool!.RecycleHook = array =>
        {
            array.AsSpan().Fill(Poison);
            Interlocked.Increment(ref poisoned);
        };

        // Every version holds one value repeated, and values only grow. Readers check, inside one section, that the
        // span is uniform, unpoisoned, not older than what they saw before, and still identical after a pause
        // long enough for grace periods (and so recycling) to happen around them.
        var duration = TimeSpan.FromMilliseconds(ListTestSupport.Tier(400, 5000));
        using var stop = new CancellationTokenSource();
        string? failure = null;
        long reads = 0, snapshotsChecked = 0;
        var snapshots = new List<ImmutableArray<int>>();

        void Reader()
        {
            int lastSeen = 0;
            while (!stop.IsCancellationRequested && failure is null)
            {
                using RcuListReader<int> r = list.Read();
                ReadOnlySpan<int> span = r.Span;
                int first = span.IsEmpty ? lastSeen : span[0];
                string? problem = CheckUniform(span, first, lastSeen);
                if (problem is null)
                {
                    Thread.SpinWait(2000);
                    if (Interlocked.Increment(ref reads) % 64 == 0) Thread.Yield();
                    problem = CheckUniform(span, first, lastSeen);
                }
                if (problem is not null) Interlocked.CompareExchange(ref failure, problem, null);
                lastSeen = first;
            }
        }

        void Writer()
        {
            int value = 0;
            var random = new Random(42);
            while (!stop.IsCancellationRequested && failure is null)
            {
                value++;
                switch (random.Next(4))
                {
                    case 0: // batch edit: the whole array becomes the new value (same length: pool hits)
                        list.Update(value, static (e, v) => e.AsSpan().Fill(v));
                        break;
                    case 1: // grow then shrink again, uniformly (other lengths go through the pool too)
                        list.Update(value, static (e, v) => { e.AsSpan().Fill(v); e.Add(v); });
                        list.Update(value, static (e, v) => e.RemoveAt(e.Count - 1));
                        break;
                    case 2:
                        if (value % 16 == 0)
                        {
                            ImmutableArray<int> snap = list.Snapshot();
                            lock (snapshots) snapshots.Add(snap);
                        }
                        list.Update(value, static (e, v) => e.AsSpan().Fill(v));
                        break;
                    default:
                        list.Update(value, static (e, v) => { e.RemoveAt(0); e.AsSpan().Fill(v); e.Insert(0, v); });
                        break;
                }
            }
        }

        var threads = new[] { new Thread(Reader), new Thread(Reader), new Thread(Writer) };
        foreach (Thread t in threads) t.Start();
        stop.CancelAfter(duration);
        foreach (Thread t in threads) Assert.True(t.Join(ListTestSupport.Patience));
        domain.Barrier(); // every pending recycle has run: escaped snapshots must still be intact

        Assert.Null(failure);
        lock (snapshots)
        {
            foreach (ImmutableArray<int> snap in snapshots)
            {
                Assert.Null(CheckUniform(snap.AsSpan(), snap[0], 0));
                snapshotsChecked++;
            }
        }
        Assert.True(Interlocked.Read(ref reads) > 0);
        Assert.True(snapshotsChecked > 0);
        // The test only means something if arrays really were recycled and reused during it.
        Assert.True(Interlocked.Read(ref poisoned) > 0, "No array was recycled.");
        Assert.True(list.Pool.Hits > 0, "No recycled array was reused.");
    }

    [Fact]
    public void SteadyStateWrites_InPooledMode_AllocateNothing()
    {
        using RcuDomain domain = ListTestSupport.CreateFastDomain();
        var list = new RcuList<int>(Enumerable.Range(0, 1024), new RcuListOptions { Domain = domain, PoolArrays = true });
        int[] extra = [1, 2, 3];
        int wrongCounts = 0;

        void Batch(int round)
        {
            list[round % 1024] = round;
            list.Add(round);
            list.RemoveAt(list.Count - 1);
            list.Insert(round % 1000, round);
            list.RemoveAt(round % 1000);
            list.AddRange(extra.AsSpan());
            list.Update(3, static (e, n) => e.RemoveRange(e.Count - n, n));
            list.Update(round, static (e, r) => e[0] = r);
            list.RemoveAll(static x => x < 0); // nothing matches: no publication, no allocation
            using (RcuListReader<int> r = list.Read())
            {
                if (r.Count != 1024) wrongCounts++; // no Assert inside the measured region: it allocates
            }
        }

        // Warm up: fill the pool (and start the callback thread, JIT everything).
        for (int round = 0; round < 8; round++)
        {
            Batch(round);
            domain.Barrier();
        }

        long allocated = 0;
        int allocatingRounds = 0;
        for (int round = 8; round < 40; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Batch(round);
            long delta = GC.GetAllocatedBytesForCurrentThread() - before;
            allocated += delta;
            if (delta != 0) allocatingRounds++;
            domain.Barrier(); // outside the measurement: lets the grace period return this round's arrays
        }

        Assert.Equal(0, wrongCounts);
        // Steady state allocates nothing. One round may pay a one-off runtime allocation (e.g. the lock shared with
        // the callback thread being inflated on its first contention, which happens in the full suite); an
        // allocation per write would show in every round and in far more bytes (an array of 1,024 ints is 4 KiB).
        // Release only (BuildFlavor): Debug builds allocate in unoptimised code.
        if (BuildFlavor.MeasuresAllocations) Assert.True(allocatingRounds <= 1 && allocated <= 512, $"{allocatingRounds} of 32 rounds allocated, {allocated} B in all");
        Assert.True(list.Pool!.Hits > 0);
    }

    [Fact]
    public void GrowingList_PoolRetainsOnlyABoundedNumberOfArrays()
    {
        using RcuDomain domain = ListTestSupport.CreateFastDomain();
        var options = new RcuListOptions { Domain = domain, PoolArrays = true, MaxPooledArraysPerLength = 3, MaxPooledLengths = 2, PooledElementsPerLength = 0 };
        var list = new RcuList<int>(options);
        for (int i = 0; i < 500; i++)
        {
            list.Add(i);
            if (i % 50 == 0) domain.Barrier();
        }
        domain.Barrier();
        Assert.InRange(list.Pool!.RetainedCount, 1, 6);
        Assert.True(list.Pool.Dropped > 0);
        Assert.Equal(Enumerable.Range(0, 500), list);
    }

    [Fact]
    public void RecycledReferenceArrays_DoNotKeepElementsAlive()
    {
        using RcuDomain domain = ListTestSupport.CreateFastDomain();
        var list = new RcuList<object?>(new RcuListOptions { Domain = domain, PoolArrays = true });
        WeakReference weak = AddAndReplace(list);
        domain.Barrier();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(weak.IsAlive);
        Assert.Equal(1, list.Pool!.RetainedCount); // the array itself was kept for reuse, cleared

        static WeakReference AddAndReplace(RcuList<object?> list)
        {
            var element = new object();
            list.Add(element);
            list[0] = null; // the version holding element is retired, then recycled after the grace period
            return new WeakReference(element);
        }
    }

    [Fact]
    public void WritesAfterTheDomainIsDisposed_ThrowBeforeChangingAnything_AndRecycleNothing()
    {
        // Policy (D8): a write on a list whose domain is disposed throws ObjectDisposedException before it changes anything.
        var domain = ListTestSupport.CreateFastDomain();
        var list = new RcuList<int>([1, 2], new RcuListOptions { Domain = domain, PoolArrays = true });
        using (list.Read())
        {
            // Registers this thread with the domain, so that its read sections keep working after Dispose.
        }
        domain.Dispose();
        Assert.Throws<ObjectDisposedException>(() => list.Add(3));
        Assert.Throws<ObjectDisposedException>(() => list[0] = 5);
        Assert.Equal([1, 2], list);
        Assert.Equal(0, list.Pool!.RetainedCount);
    }

    private static string? CheckUniform(ReadOnlySpan<int> span, int expected, int notBelow)
    {
        if (expected < notBelow) return $"Went back in time: saw {expected} after {notBelow}.";
        foreach (int value in span)
        {
            if (value == Poison) return "Observed a poisoned (recycled) array.";
            if (value != expected) return $"Torn version: {value} next to {expected}.";
        }
        return null;
    }
}
