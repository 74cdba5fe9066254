using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.Hostile;

/// <summary>
/// Every public entry point of <see cref="RcuList{T}"/>, its editor and its reader under bad input (exception type
/// and ParamName, list unchanged), a disposed or concurrently disposed domain (plain and pooled: writes keep working,
/// reads work or throw ObjectDisposedException, never a hang or a recycled array), throwing user code (Equals,
/// GetHashCode, predicates, edits, source enumerables: propagated, list unchanged), and hammers with exact invariants.
/// </summary>
public sealed class HostileListTests
{
    private static readonly int Trials = StressTier.Pick(200, 2000);

    public static TheoryData<bool> Modes => new() { false, true };

    private static RcuList<int> NewList(bool pooled, RcuDomain? domain = null, params int[] items) =>
        new(items, new RcuListOptions { Domain = domain, PoolArrays = pooled });

    // ---- (a) bad input -------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Modes))]
    public void BadIndexesAndNulls_EveryEntryPoint_NameTheirParameter_AndChangeNothing(bool pooled)
    {
        RcuList<int> list = NewList(pooled, null, 1, 2, 3);
        var ilist = (IList<int>)list;
        Hammer.Param<ArgumentOutOfRangeException>("index", () => _ = list[-1]);
        Hammer.Param<ArgumentOutOfRangeException>("index", () => _ = list[3]);
        Hammer.Param<ArgumentOutOfRangeException>("index", () => list[3] = 0);
        Hammer.Param<ArgumentOutOfRangeException>("index", () => list[int.MinValue] = 0);
        Hammer.Param<ArgumentOutOfRangeException>("index", () => list.Insert(4, 0));
        Hammer.Param<ArgumentOutOfRangeException>("index", () => list.Insert(-1, 0));
        Hammer.Param<ArgumentOutOfRangeException>("index", () => list.RemoveAt(3));
        Hammer.Param<ArgumentOutOfRangeException>("index", () => ilist.RemoveAt(-1));
        Hammer.Param<ArgumentNullException>("array", () => list.CopyTo(null!, 0));
        Hammer.Param<ArgumentOutOfRangeException>("arrayIndex", () => list.CopyTo(new int[8], -1));
        Hammer.Param<ArgumentException>("array", () => list.CopyTo(new int[3], 1));
        Hammer.Param<ArgumentNullException>("collection", () => list.AddRange((IEnumerable<int>)null!));
        Hammer.Param<ArgumentNullException>("items", () => list.AddAllAbsent(null!));
        Hammer.Param<ArgumentNullException>("match", () => list.RemoveAll(null!));
        Hammer.Param<ArgumentNullException>("edit", () => list.Update(null!));
        Hammer.Param<ArgumentNullException>("edit", () => list.Update(0, null!));
        Hammer.Param<ArgumentNullException>("collection", () => new RcuList<int>((IEnumerable<int>)null!));
        Hammer.Param<ArgumentNullException>("collection", () => new RcuList<int>(null!, new RcuListOptions()));
        Hammer.Param<ArgumentNullException>("options", () => new RcuList<int>([], null!));
        Hammer.Param<ArgumentNullException>("options", () => new RcuList<int>((RcuListOptions)null!));
        Hammer.Param<ArgumentNullException>("domain", () => new RcuList<int>((RcuDomain)null!));
        Hammer.Param<ArgumentOutOfRangeException>("MaxPooledArraysPerLength", () => new RcuList<int>(new RcuListOptions { MaxPooledArraysPerLength = 0 }));
        Hammer.Param<ArgumentOutOfRangeException>("PooledElementsPerLength", () => new RcuList<int>(new RcuListOptions { PooledElementsPerLength = -1 }));
        Hammer.Param<ArgumentOutOfRangeException>("MaxPooledLengths", () => new RcuList<int>(new RcuListOptions { MaxPooledLengths = 0 }));
        Assert.Equal([1, 2, 3], list.Snapshot().ToArray());
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void EditorBadInput_NamesTheParameter_TheWholeEditIsDiscarded(bool pooled)
    {
        RcuList<int> list = NewList(pooled, null, 1, 2, 3);
        Action<RcuListEditor<int>>[] edits =
        [
            e => _ = e[4], // the edit holds 4 items once it has added 99
            e => e[-1] = 0,
            e => e.Insert(5, 0),
            e => e.RemoveAt(4),
            e => e.RemoveAt(-1),
            e => e.RemoveRange(-1, 1),
            e => e.RemoveRange(1, -1),
            e => e.RemoveRange(3, 2),
            e => e.RemoveRange(5, 0),
            e => e.RemoveAll(null!),
        ];
        string[] names = ["index", "index", "index", "index", "index", "index", "count", "count", "count", "match"];
        for (int i = 0; i < edits.Length; i++)
        {
            Action<RcuListEditor<int>> bad = edits[i];
            ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => list.Update(edit =>
            {
                edit.Add(99); // made first: it must be discarded with the rest
                bad(edit);
            }));
            Assert.True(e.ParamName == names[i], $"edit {i}: {e.GetType().Name} ParamName '{e.ParamName}', expected '{names[i]}'");
            Assert.Equal([1, 2, 3], list.Snapshot().ToArray());
        }
        Assert.Throws<InvalidOperationException>(() => default(RcuListEditor<int>).Add(1));
    }

    /// <summary>
    /// Disposing a reader twice is misuse, documented to throw InvalidOperationException (as a read guard does). The
    /// hostile part: the second Dispose, made inside a section the thread entered since, must throw without ending that
    /// section; a default reader's Dispose throws the same way; and a disposed reader's Span throws ObjectDisposedException.
    /// </summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public void Reader_DisposeTwice_Throws_WithoutEndingAnotherSection(bool pooled)
    {
        using var domain = new RcuDomain();
        RcuList<int> list = NewList(pooled, domain, 1, 2);
        RcuListReader<int> reader = list.Read();
        Assert.Equal(2, reader.Count);
        reader.Dispose();
        Assert.False(domain.InReadSection);
        using (domain.ReadLock())
        {
            Assert.True(ThrowsInvalidOperation(ref reader, (scoped ref RcuListReader<int> r) => r.Dispose()));
            Assert.True(domain.InReadSection);
        }
        Assert.False(domain.InReadSection);
        Assert.True(ThrowsDisposed(ref reader, (scoped ref RcuListReader<int> r) => _ = r.Span));
        Assert.True(ThrowsDisposed(ref reader, (scoped ref RcuListReader<int> r) => _ = r.Count));
        RcuListReader<int> none = default;
        Assert.True(ThrowsInvalidOperation(ref none, (scoped ref RcuListReader<int> r) => r.Dispose()));
        Assert.True(ThrowsDisposed(ref none, (scoped ref RcuListReader<int> r) => _ = r.Span));
        Assert.False(domain.InReadSection);
        using (RcuListReader<int> again = list.Read()) Assert.Equal(2, again.Count); // the domain is intact
    }

    private static bool ThrowsInvalidOperation(ref RcuListReader<int> reader, ReaderAction action)
    {
        try
        {
            action(ref reader);
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private delegate void ReaderAction(scoped ref RcuListReader<int> reader);

    private static bool ThrowsDisposed(ref RcuListReader<int> reader, ReaderAction action)
    {
        try
        {
            action(ref reader);
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    // ---- (b) disposed domain -------------------------------------------------------------------------------------

    /// <summary>
    /// After the domain is disposed: on a thread that used it, every entry point works (writes stop recycling in pooled
    /// mode but stay correct); on a thread that never did, reads that need a section throw ObjectDisposedException and
    /// nothing hangs; content is exactly the model's throughout.
    /// </summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public void DisposedDomain_EveryEntryPoint_WorksOrThrowsDisposed_ContentExact(bool pooled)
    {
        var domain = new RcuDomain();
        RcuList<int> list = NewList(pooled, domain, 1, 2, 3);
        using (domain.ReadLock())
        {
            // Registers this thread.
        }
        domain.Dispose();
        var model = new List<int> { 1, 2, 3 };
        // The policy (docs/list.md): a write on a disposed domain throws ObjectDisposedException before changing anything.
        void Refused(Action write) => Assert.IsType<ObjectDisposedException>(Record.Exception(write));
        Refused(() => list.Add(4));
        Refused(() => list.AddRange([5, 6]));
        Refused(() => list.Insert(0, 0));
        Refused(() => list.RemoveAt(1));
        Refused(() => list.Remove(2));
        Refused(() => list[0] = 10);
        Refused(() => list.AddIfAbsent(7));
        Refused(() => list.AddAllAbsent([7, 8]));
        Refused(() => list.RemoveAll(x => x == 2));
        Refused(() => list.Update(e => e.Add(9)));
        Refused(list.Clear);
        model.Add(9); // for the reads below: a value that is not there
        model.Remove(9);
        Assert.Equal(model, list.Snapshot());
        using (RcuListReader<int> reader = list.Read()) Assert.True(reader.Span.SequenceEqual(model.ToArray()));
        Assert.Equal(-1, list.IndexOf(9));
        Assert.Equal(model[2], list[2]);

        Exception? fresh = Hammer.OnFreshThread(() =>
        {
            // Plain mode needs no section for these; pooled mode does and must refuse cleanly.
            Assert.Equal(model.Count, list.Count);
            _ = list[0];
            _ = list.Contains(9);
            _ = list.Snapshot();
        });
        if (pooled) Assert.IsType<ObjectDisposedException>(fresh);
        else Assert.Null(fresh);
        Assert.IsType<ObjectDisposedException>(Hammer.OnFreshThread(() => list.Add(11)));
        Assert.IsType<ObjectDisposedException>(Hammer.OnFreshThread(() =>
        {
            using RcuListReader<int> reader = list.Read();
        }));
        Assert.Equal(model, list.Snapshot());
    }

    /// <summary>
    /// Pooled writes racing Dispose of the domain (pinned, one instant): no hang; each write completes or throws
    /// ObjectDisposedException having changed nothing, so the content is the last write that completed.
    /// </summary>
    [Fact]
    public void PooledWrites_RacingDomainDispose_StayCorrect()
    {
        Race.Run(
            Trials,
            _ =>
            {
                var domain = new RcuDomain();
                using (domain.ReadLock())
                {
                    // Registers the test thread, which reads the pooled list (inside a section) after the disposal.
                }
                RcuList<int> list = NewList(true, domain, 0);
                return (domain, list, completed: new int[1]);
            },
            s =>
            {
                for (int i = 1; i <= 20; i++)
                {
                    s.list.Update(i, static (e, v) => e[0] = v);
                    Volatile.Write(ref s.completed[0], i);
                }
            },
            s => s.domain.Dispose(),
            (s, outcome) =>
            {
                Hammer.NoneOrDisposed(outcome.First, "Update");
                Assert.Null(outcome.Second);
                int last = Volatile.Read(ref s.completed[0]);
                Assert.Equal(outcome.First is null ? 20 : last, last);
                Assert.Equal([last], s.list.Snapshot().ToArray());
            });
    }

    /// <summary>
    /// D4 (back-pressure deadlock under collection locks). A pooled write retires the old version with Defer while it
    /// holds the list's write lock. When the domain's callback queue is full, Defer blocks until the callback thread
    /// catches up; if a callback queued earlier writes to the same list, it waits for that lock: neither side can move.
    /// The write must complete (within a bound), and so must the callback.
    /// </summary>
    [Fact]
    public void PooledWrite_UnderBackPressure_WithACallbackThatWritesTheList_DoesNotDeadlock()
    {
        var domain = new RcuDomain(new RcuOptions { PollInterval = TimeSpan.FromMilliseconds(1), ForceAtPendingCallbacks = 4, MaxPendingCallbacks = 8 });
        var list = new RcuList<int>(new RcuListOptions { Domain = domain, PoolArrays = true });
        list.Add(0);
        using var callbackRan = new ManualResetEventSlim(false);
        Thread writer = new(() => list.Add(2)) { IsBackground = true }; // defers the old version under the write lock
        using (new SpinningReader(domain, SpinningReader.ExitMode.Never))
        {
            // Held back by the reader: a callback that needs the list's lock, then enough to fill the queue.
            domain.Defer(() =>
            {
                list.Add(1);
                callbackRan.Set();
            });
            for (int i = 0; i < 8; i++) domain.Defer(() => { }, waitForCapacity: false);
            long waitsBefore = domain.GetStatistics().BackPressureWaits;
            writer.Start();
            // The writer is blocked in Defer (not merely not started yet) before the reader is let go.
            Assert.True(
                Eventually.Holds(() => domain.GetStatistics().BackPressureWaits > waitsBefore && (writer.ThreadState & ThreadState.WaitSleepJoin) != 0, Hammer.HangTimeout),
                "the write never reached the back-pressure wait");
        } // the reader leaves: the grace period ends and the callback thread runs list.Add(1)
        bool writerDone = writer.Join(TimeSpan.FromSeconds(5));
        bool callbackDone = callbackRan.Wait(TimeSpan.FromSeconds(writerDone ? 5 : 0.5));
        Assert.True(writerDone && callbackDone, $"deadlock (D4): the write {(writerDone ? "finished" : "is stuck in Defer under the list's lock")}, the callback {(callbackDone ? "ran" : "is stuck waiting for that lock")}");
        Assert.Equal([0, 1, 2], list.Snapshot().Order().ToArray());
        domain.Dispose(); // only when nothing is stuck: a deadlocked callback thread would make Dispose wait forever
    }

    // ---- (c) throwing user code ---------------------------------------------------------------------------------

    /// <summary>Element Equals that throws: every entry point that compares propagates it and leaves the list unchanged.</summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public void ThrowingEquals_EveryComparingEntryPoint_PropagatesAndChangesNothing(bool pooled)
    {
        var list = new RcuList<Touchy>(Enumerable.Range(0, 4).Select(i => new Touchy(i)), new RcuListOptions { PoolArrays = pooled });
        Touchy[] before = list.Snapshot().ToArray();
        var probe = new Touchy(2);
        Action[] calls =
        [
            () => list.Contains(probe),
            () => list.IndexOf(probe),
            () => list.Remove(probe),
            () => list.AddIfAbsent(probe),
            () => list.AddAllAbsent([probe, new Touchy(9)]),
            () => list.AddAllAbsent(Enumerable.Range(0, 5000).Select(i => new Touchy(i))), // the hashing path (GetHashCode)
            () => list.Update(e => e.Remove(probe)),
            () => list.Update(e => e.Contains(probe)),
        ];
        for (int i = 0; i < calls.Length; i++)
        {
            Touchy.Throw = true;
            Exception? e;
            try
            {
                e = Record.Exception(calls[i]);
            }
            finally
            {
                Touchy.Throw = false;
            }
            Assert.True(e is FormatException, $"call {i}: {e?.GetType().Name ?? "no exception"}");
            Assert.Equal(before, list.Snapshot().ToArray());
        }
        Assert.True(list.Remove(probe)); // usable afterwards, and the scratch buffer starts clean
        Hammer.CountIs(3, list.Count);
    }

    /// <summary>Predicates, edits and source enumerables that throw: propagated, list unchanged, next write starts clean.</summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public void ThrowingPredicatesEditsAndSources_PropagateAndChangeNothing(bool pooled)
    {
        RcuList<int> list = NewList(pooled, null, 1, 2, 3);
        static IEnumerable<int> Exploding()
        {
            yield return 7;
            throw new FormatException("source");
        }
        Action[] calls =
        [
            () => list.RemoveAll(x => x == 3 ? throw new FormatException("predicate") : true),
            () => list.Update(e =>
            {
                e.Clear();
                e.Add(42);
                throw new FormatException("edit");
            }),
            () => list.Update(e => e.RemoveAll(x => x == 2 ? throw new FormatException("inner predicate") : true)),
            () => list.AddRange(Exploding()),
            () => list.AddAllAbsent(Exploding()),
            () => _ = new RcuList<int>(Exploding()),
        ];
        for (int i = 0; i < calls.Length; i++)
        {
            Assert.True(Record.Exception(calls[i]) is FormatException, $"call {i}");
            Assert.Equal([1, 2, 3], list.Snapshot().ToArray());
        }
        Assert.False(list.Update(_ => { }));
        Assert.True(list.Update(e => e.Add(4)));
        Assert.Equal([1, 2, 3, 4], list.Snapshot().ToArray());
    }

    /// <summary>A predicate that writes to the same list: rejected with InvalidOperationException, nothing published twice.</summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public void ReentrantWritesFromEveryCallback_AreRejected(bool pooled)
    {
        RcuList<int> list = NewList(pooled, null, 1, 2, 3);
        Assert.Throws<InvalidOperationException>(() => list.RemoveAll(x => list.Remove(x)));
        Assert.Throws<InvalidOperationException>(() => list.Update(e => list.Clear()));
        Assert.Throws<InvalidOperationException>(() => list.Update(e => list.AddRange([9])));
        Assert.Throws<InvalidOperationException>(() => list.Update(e => list.Update(e2 => e2.Add(9))));
        Assert.Equal([1, 2, 3], list.Snapshot().ToArray());
    }

    // ---- (d) races and hammers ----------------------------------------------------------------------------------

    /// <summary>Two pinned threads AddIfAbsent the same items at one instant: each item is added exactly once.</summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public void AddIfAbsent_AtOneInstant_EachItemExactlyOnce(bool pooled)
    {
        Race.Run(
            Trials,
            _ => NewList(pooled),
            l =>
            {
                for (int i = 0; i < 8; i++) l.AddIfAbsent(i);
            },
            l => l.AddAllAbsent([7, 6, 5, 4, 3, 2, 1, 0]),
            (l, outcome) =>
            {
                Assert.Null(outcome.First);
                Assert.Null(outcome.Second);
                Assert.Equal(Enumerable.Range(0, 8), l.Snapshot().Order());
            });
    }

    /// <summary>
    /// Sum-conserving transfers between slots of one list by two writers (batch edits) while readers check that every
    /// snapshot, reader span and enumeration sums to the total exactly: a version is never observed half-written.
    /// </summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public void Transfers_EveryReadSumsExactly(bool pooled)
    {
        const int Slots = 16;
        const long Total = Slots * 1000L;
        using var domain = new RcuDomain(new RcuOptions { PollInterval = TimeSpan.FromMilliseconds(1) });
        var list = new RcuList<long>(Enumerable.Repeat(1000L, Slots), new RcuListOptions { Domain = domain, PoolArrays = pooled });
        Action<int> Mover(int seed)
        {
            var random = new Random(seed);
            return _ =>
            {
                int from = random.Next(Slots), to = random.Next(Slots), amount = random.Next(1, 30);
                list.Update((from, to, amount), static (e, t) =>
                {
                    e[t.from] -= t.amount;
                    e[t.to] += t.amount;
                });
            };
        }
        long Sum(ReadOnlySpan<long> span)
        {
            long s = 0;
            foreach (long x in span) s += x;
            return s;
        }
        long reads = 0;
        Hammer.Run(
            StressTier.Duration(0.4, 4),
            Mover(1),
            Mover(2),
            _ =>
            {
                Assert.Equal(Total, Sum(list.Snapshot().AsSpan()));
                using (RcuListReader<long> r = list.Read()) Assert.Equal(Total, Sum(r.Span));
                long viaEnum = 0;
                foreach (long x in list) viaEnum += x;
                Assert.Equal(Total, viaEnum);
                Interlocked.Increment(ref reads);
            });
        Assert.True(reads > 0);
        Assert.Equal(Total, list.Snapshot().Sum());
        Hammer.CountIs(Slots, list.Count);
    }

    /// <summary>Adds and removes of distinct items by three threads: Count at quiescence equals the threads' own tallies, no item twice.</summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public void AddRemoveChurn_CountExactAtQuiescence(bool pooled)
    {
        RcuList<int> list = NewList(pooled);
        long net = 0;
        Action<int> Churner(int id) => i =>
        {
            int item = id * 1_000_000 + i / 2;
            if (i % 2 == 0)
            {
                if (list.AddIfAbsent(item)) Interlocked.Increment(ref net);
            }
            else if (i % 4 == 1 && list.Remove(item))
            {
                Interlocked.Decrement(ref net);
            }
        };
        Hammer.Run(StressTier.Duration(0.3, 3), Churner(1), Churner(2), Churner(3));
        Hammer.CountIs((int)Interlocked.Read(ref net), list.Count);
        Assert.Equal(list.Count, list.Snapshot().Distinct().Count());
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private sealed class Touchy(int id) : IEquatable<Touchy>
    {
        public static volatile bool Throw;

        public int Id { get; } = id;

        public bool Equals(Touchy? other) => Throw ? throw new FormatException("Equals") : other?.Id == Id;

        public override bool Equals(object? obj) => Equals(obj as Touchy);

        public override int GetHashCode() => Throw ? throw new FormatException("GetHashCode") : Id;
    }
}
