using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace RcuCollections.Benchmarks.List;

/// <summary>
/// Readers 1..N with a writer running: N threads each perform indexed reads (one element per operation, each its
/// own atomic read) for a fixed window while one writer replaces an element about once per millisecond. Reports the
/// total read throughput per contender. Each contender has its own tight loop, so no virtual call dilutes the
/// cheapest readers.
/// </summary>
public static class ListReaderScaling
{
    /// <summary>The contenders measured.</summary>
    public enum Contender
    {
        /// <summary>RcuList, plain mode.</summary>
        RcuList,

        /// <summary>RcuList, pooled mode (a read section per read).</summary>
        RcuListPooled,

        /// <summary>ImmutableList swapped with ImmutableInterlocked.</summary>
        ImmutableList,

        /// <summary>ImmutableArray swapped with ImmutableInterlocked.</summary>
        ImmutableArray,

        /// <summary>List behind a ReaderWriterLockSlim.</summary>
        ListRwls,

        /// <summary>List behind a lock.</summary>
        ListLock,
    }

    /// <summary>One measured point.</summary>
    /// <param name="Contender">What was measured.</param>
    /// <param name="Readers">The number of reader threads.</param>
    /// <param name="ReadsPerSecond">Total reads per second over all readers.</param>
    /// <param name="Writes">The writes the writer completed during the window.</param>
    public readonly record struct Point(Contender Contender, int Readers, double ReadsPerSecond, long Writes);

    /// <summary>Measures one contender with <paramref name="readers"/> reader threads for <paramref name="window"/>.</summary>
    public static Point Measure(Contender contender, int readers, TimeSpan window, int size = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(readers, 1);
        if (size <= 0 || (size & (size - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(size), size, "Must be a power of two.");
        var c = new ListContenders(size);
        var stop = new StrongBox<bool>(false);
        using var start = new Barrier(readers + 2);
        long[] counts = new long[readers * 16]; // one cache line apart
        long writes = 0;

        var threads = new List<Thread>();
        for (int r = 0; r < readers; r++)
        {
            int slot = r * 16;
            threads.Add(new Thread(() =>
            {
                start.SignalAndWait();
                counts[slot] = ReadLoop(contender, c, stop);
            }) { IsBackground = true });
        }
        threads.Add(new Thread(() =>
        {
            start.SignalAndWait();
            writes = WriteLoop(contender, c, stop);
        }) { IsBackground = true });
        foreach (Thread t in threads) t.Start();

        start.SignalAndWait();
        var sw = Stopwatch.StartNew();
        Thread.Sleep(window);
        Volatile.Write(ref stop.Value, true);
        foreach (Thread t in threads) t.Join();
        double seconds = sw.Elapsed.TotalSeconds;

        long total = 0;
        for (int r = 0; r < readers; r++) total += counts[r * 16];
        return new Point(contender, readers, total / seconds, writes);
    }

    private static long ReadLoop(Contender contender, ListContenders c, StrongBox<bool> stop)
    {
        int mask = c.Size - 1;
        long ops = 0;
        int sink = 0;
        // Check the stop flag every 256 reads so the flag's load does not dominate the cheapest readers.
        switch (contender)
        {
            case Contender.RcuList:
                while (!Volatile.Read(ref stop.Value))
                    for (int i = 0; i < 256; i++, ops++) sink += c.Rcu[(int)(ops * 7) & mask];
                break;
            case Contender.RcuListPooled:
                while (!Volatile.Read(ref stop.Value))
                    for (int i = 0; i < 256; i++, ops++) sink += c.RcuPooled[(int)(ops * 7) & mask];
                break;
            case Contender.ImmutableList:
                while (!Volatile.Read(ref stop.Value))
                    for (int i = 0; i < 256; i++, ops++) sink += Volatile.Read(ref c.ImmutableList)[(int)(ops * 7) & mask];
                break;
            case Contender.ImmutableArray:
                while (!Volatile.Read(ref stop.Value))
                    for (int i = 0; i < 256; i++, ops++) sink += c.ImmutableArray[(int)(ops * 7) & mask];
                break;
            case Contender.ListRwls:
                while (!Volatile.Read(ref stop.Value))
                    for (int i = 0; i < 256; i++, ops++)
                    {
                        c.Rwls.EnterReadLock();
                        sink += c.RwlsList[(int)(ops * 7) & mask];
                        c.Rwls.ExitReadLock();
                    }
                break;
            default:
                while (!Volatile.Read(ref stop.Value))
                    for (int i = 0; i < 256; i++, ops++)
                    {
                        lock (c.Lock) sink += c.LockedList[(int)(ops * 7) & mask];
                    }
                break;
        }
        GC.KeepAlive(sink);
        return ops;
    }

    private static long WriteLoop(Contender contender, ListContenders c, StrongBox<bool> stop)
    {
        int mask = c.Size - 1;
        long writes = 0;
        while (!Volatile.Read(ref stop.Value))
        {
            int i = (int)(writes * 13) & mask;
            switch (contender)
            {
                case Contender.RcuList: c.Rcu[i] = i; break;
                case Contender.RcuListPooled: c.RcuPooled[i] = i; break;
                case Contender.ImmutableList:
                    System.Collections.Immutable.ImmutableInterlocked.Update(ref c.ImmutableList, static (l, x) => l.SetItem(x, x), i);
                    break;
                case Contender.ImmutableArray:
                    System.Collections.Immutable.ImmutableInterlocked.Update(ref c.ImmutableArray, static (a, x) => a.SetItem(x, x), i);
                    break;
                case Contender.ListRwls:
                    c.Rwls.EnterWriteLock();
                    c.RwlsList[i] = i;
                    c.Rwls.ExitWriteLock();
                    break;
                default:
                    lock (c.Lock) c.LockedList[i] = i;
                    break;
            }
            writes++;
            Thread.Sleep(1); // a read-mostly workload: about one write per millisecond
        }
        return writes;
    }
}
