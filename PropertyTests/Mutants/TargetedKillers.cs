using RcuCollections.AddressSpaces;
using RcuCollections.Tests.AddressSpaces;
using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.Mutants;

/// <summary>
/// Checks written for mutants that no existing test kills cleanly (see docs/testing.md, "Mutants"). Each is a correct
/// property of the library that passes with no mutant active (MutantTests.Killers_AllPass_WithNoMutantActive), bounds
/// every wait, and leaves no thread behind when it fails.
/// </summary>
internal static class TargetedKillers
{
    /// <summary>Mutants 2 and 3: a callback deferred while a reader is in its section waits for it; so does a grace period.</summary>
    public static void ReaderInSection_HoldsBackCallbacksAndGracePeriods()
    {
        using var domain = new RcuDomain(new RcuOptions { PollInterval = TimeSpan.FromMilliseconds(2), PollsBeforeForce = 1 });
        using var ran = new ManualResetEventSlim();
        using (new HeldReader(domain))
        {
            domain.Defer(ran.Set);
            Assert.False(ran.Wait(300), "a callback ran while a reader that began before its Defer was still in its section");
            Assert.False(domain.SynchronizeAsync().AsTask().Wait(100), "a grace period ended while a reader that began before it was in its section");
        }
        Assert.True(ran.Wait(TimeSpan.FromSeconds(10)), "the callback never ran after the reader left");
    }

    /// <summary>Mutant 1: a reader that stays in one section but reports <see cref="RcuDomain.Quiescent"/> lets grace periods end by polling.</summary>
    public static void QuiescentReader_LetsGracePeriodsEndByPolling()
    {
        // 50 ms polls and no forcing for 1000 polls: each grace period should end at the first poll after it starts.
        using var domain = new RcuDomain(new RcuOptions { PollInterval = TimeSpan.FromMilliseconds(50), PollsBeforeForce = 1000 });
        using var inSection = new ManualResetEventSlim();
        bool stop = false;
        var reader = new Thread(() =>
        {
            using (domain.ReadLock())
            {
                inSection.Set();
                while (!Volatile.Read(ref stop))
                {
                    domain.Quiescent();
                    Thread.SpinWait(1_000);
                }
            }
        })
        { IsBackground = true, Name = "quiescent reader" };
        reader.Start();
        try
        {
            Assert.True(inSection.Wait(TimeSpan.FromSeconds(10)));
            for (int i = 0; i < 5; i++)
            {
                Assert.True(domain.SynchronizeAsync().AsTask().Wait(TimeSpan.FromSeconds(2)),
                    $"grace period {i + 1} did not end in 2 s although the only reader reports quiescent states all the time");
            }
            Assert.Equal(0, domain.GetStatistics().ForcedGracePeriods);
        }
        finally
        {
            Volatile.Write(ref stop, true);
            reader.Join();
        }
    }

    /// <summary>Mutant 4: a reader that leaves in the forced state wakes the grace period at once (the slow path), instead of leaving it to its timed wait.</summary>
    public static void ForcedReader_WakesTheGracePeriodWhenItLeaves()
    {
        // The forced wait is timed at PollInterval, so 2 s polls make a missed wake-up visible.
        using var domain = new RcuDomain(new RcuOptions { PollInterval = TimeSpan.FromSeconds(2), PollsBeforeForce = 1000 });
        using var inSection = new ManualResetEventSlim();
        using var kicked = new ManualResetEventSlim();
        var reader = new Thread(() =>
        {
            using IDisposable registration = domain.RegisterForceCallback(kicked.Set);
            using (domain.ReadLock())
            {
                inSection.Set();
                kicked.Wait(TimeSpan.FromSeconds(30));
                Thread.Sleep(50); // leave well after the grace period has set Waiting and begun its forced wait
            }
        })
        { IsBackground = true, Name = "forced reader" };
        reader.Start();
        try
        {
            Assert.True(inSection.Wait(TimeSpan.FromSeconds(10)));
            domain.Expedite(); // pending until the grace period below, which therefore forces at its first poll
            Assert.True(domain.SynchronizeAsync().AsTask().Wait(TimeSpan.FromSeconds(1)),
                "the grace period did not end within 1 s of a forced reader leaving (its forced wait is 2 s long)");
            Assert.True(domain.GetStatistics().SlowPathExits >= 1, "the forced reader left without taking the slow path");
        }
        finally
        {
            kicked.Set();
            reader.Join();
        }
    }

    /// <summary>Mutant 5: in the forced state the grace period sleeps on its event between scans instead of spinning.</summary>
    public static void ForcedWait_SleepsBetweenScans()
    {
        using var domain = new RcuDomain(new RcuOptions { PollInterval = TimeSpan.FromMilliseconds(50), PollsBeforeForce = 1 });
        using (new HeldReader(domain))
        {
            long before = domain.GetStatistics().ProcessWideBarriers;
            Task grace = domain.SynchronizeAsync().AsTask();
            Thread.Sleep(500);
            long barriers = domain.GetStatistics().ProcessWideBarriers - before;
            Assert.False(grace.IsCompleted, "a grace period ended under a reader");
            // About one barrier per 50 ms wait (≈ 12 in 0.5 s); a wait that returns at once spins through thousands.
            Assert.True(barriers < 100, $"{barriers} process-wide barriers in 0.5 s of forced waiting: the wait spins");
        }
    }

    /// <summary>
    /// Mutant 6: a dictionary reader in its read section, standing on a pair whose key was then removed, still reads that
    /// pair: its slot is recycled only after a grace period, which the reader holds up.
    /// </summary>
    public static void SectionReaderOnARemovedSlot_NeverSeesItRecycled()
    {
        using var domain = new RcuDomain(new RcuOptions { PollInterval = TimeSpan.FromMilliseconds(1) });
        var comparer = new PausingComparer();
        // A custom comparer keeps reads off the optimistic path: they probe inside a read section, and the comparer's
        // Equals runs there, between the match of the tag and the read of the value.
        // (Two segments, the minimum: 100 churn keys retire far more than a batch of 8 slots in each.)
        var map = new RcuDictionary<int, string>(new RcuDictionaryOptions { Domain = domain, SegmentCount = 2, Capacity = 256 }, comparer);
        for (int k = 1000; k < 1100; k++) map[k] = "bulk"; // keeps the segments from shrinking
        for (int k = 100; k < 200; k++) map[k] = "churn";
        map[5] = "five";

        bool found = false;
        string? seen = null;
        var reader = new Thread(() =>
        {
            comparer.PauseOnThisThread();
            found = map.TryGetValue(5, out seen);
        })
        { IsBackground = true, Name = "dictionary reader" };
        reader.Start();
        try
        {
            Assert.True(comparer.Paused.Wait(TimeSpan.FromSeconds(10)), "the reader never compared key 5");
            // Retire key 5's slot and enough others that its batch is sealed (8 slots) and the writer then tries to recycle
            // it (each later retirement does); refill reusable slots. Only a completed grace period may let the batch go.
            Assert.True(map.TryRemove(5, out _));
            for (int k = 100; k < 200; k++) Assert.True(map.TryRemove(k, out _));
            for (int k = 200; k < 216; k++) map[k] = "new";
        }
        finally
        {
            comparer.Resume();
            reader.Join();
        }
        Assert.True(!found || seen == "five", $"returned {seen ?? "null"} for key 5 from a recycled slot");
    }

    /// <summary>
    /// Mutants 7 and 8: an optimistic reader that loaded a table which is then compacted away, cleared by its grace period
    /// (which the reader, in no section, does not hold up) and kept as the spare, must notice the swap by the generation
    /// and fall back, not report its key absent from the cleared array. Publish swaps tables inside a reuse window (8) and
    /// the reader re-checks the generation (7).
    /// </summary>
    public static void OptimisticReaderWhoseTableIsCompactedAndCleared_StillFindsItsKey()
    {
        var missed = new List<int>();
        for (int key = 0; key < 8; key++)
        {
            if (!LookupAcrossACompaction(key)) missed.Add(key);
        }
        Assert.True(missed.Count == 0, $"keys reported absent after their table was compacted and cleared: {string.Join(", ", missed)}");
    }

    /// <summary>A reference, so that slots and spare tables are cleared when recycled (only then are they rewritten).</summary>
    public sealed record Boxed(int V);

    private static bool LookupAcrossACompaction(int key)
    {
        using var domain = new RcuDomain(new RcuOptions { PollInterval = TimeSpan.FromMilliseconds(1) });
        using var paused = new ManualResetEventSlim();
        using var resume = new ManualResetEventSlim();
        int readerThread = 0;
        RcuDictionaryTestHooks.SetOptimisticTableLoadedHook(typeof(Boxed), () =>
        {
            if (Environment.CurrentManagedThreadId != Volatile.Read(ref readerThread)) return;
            Volatile.Write(ref readerThread, -1); // once
            paused.Set();
            resume.Wait(TimeSpan.FromSeconds(30));
        });
        try
        {
            // Two small segments (the minimum count) with 16 stable keys. The churn below compacts one of them; when that is
            // not the reader's, this key proves nothing, hence several keys.
            var map = new RcuDictionary<int, Boxed>(new RcuDictionaryOptions { Domain = domain, SegmentCount = 2, Capacity = 20 });
            for (int k = 0; k < 16; k++) map[k] = new Boxed(k);
            long capacity = map.GetDiagnostics().TotalCapacity;
            long rebuilds = map.GetDiagnostics().Rebuilds;

            bool found = false;
            Boxed? seen = null;
            var reader = new Thread(() =>
            {
                Volatile.Write(ref readerThread, Environment.CurrentManagedThreadId);
                found = map.TryGetValue(key, out seen);
            })
            { IsBackground = true, Name = "optimistic reader" };
            reader.Start();
            try
            {
                Assert.True(paused.Wait(TimeSpan.FromSeconds(10)), "the reader never loaded a table");
                // Churn other keys while a section holds grace periods up, so tombstones pile up until the table is
                // compacted at its size (a rebuild into a new array; the old one goes to the domain).
                using (new HeldReader(domain))
                {
                    for (int k = 100; map.GetDiagnostics().Rebuilds == rebuilds && k < 1_000; k++)
                    {
                        map[k] = new Boxed(k);
                        Assert.True(map.TryRemove(k, out _));
                    }
                }
                Assert.True(map.GetDiagnostics().Rebuilds == rebuilds + 1, "the churn did not compact the table");
                Assert.True(map.GetDiagnostics().TotalCapacity == capacity, "the churn grew the table instead of compacting it");
                domain.Barrier(); // the old table's grace period passes and its callback clears it into the spare
            }
            finally
            {
                resume.Set();
                reader.Join();
            }
            Assert.True(!found || seen?.V == key, $"key {key} returned {seen}");
            return found;
        }
        finally
        {
            RcuDictionaryTestHooks.SetOptimisticTableLoadedHook(typeof(Boxed), () => { });
        }
    }

    /// <summary>Mutant 11: an owner is released only after a grace period, so never while a reader that translated into it is in its section.</summary>
    public static void Owner_IsNotReleased_WhileAReaderThatTranslatedIntoItIsInItsSection()
    {
        using var domain = new RcuDomain(new RcuOptions { PollsBeforeForce = 100_000, ForceAtPendingCallbacks = 100_000 });
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem(domain);
        using (map)
        {
            PoisonOwner owner = new("blob");
            MemoryRegion blob = MemoryRegion.Ram("blob", 0x1000);
            blob.Owner = owner;
            root.AddSubregion(0x1000, blob);
            bool translated = false;
            using (new HeldReader(domain, () => translated = ReferenceEquals(space.Translate(0x1800).Region, blob)))
            {
                Assert.True(translated);
                root.RemoveSubregion(blob); // the commit drops the last reference to the view that maps blob
                Assert.False(owner.WaitReleased(TimeSpan.FromMilliseconds(300)), "released while a reader held a translation into it");
            }
            Assert.True(owner.WaitReleased(TimeSpan.FromSeconds(10)), "never released after the reader left");
        }
    }

    /// <summary>Compares ints; on one chosen thread, pauses inside the first Equals that matches until resumed.</summary>
    private sealed class PausingComparer : IEqualityComparer<int>
    {
        private readonly ManualResetEventSlim _resume = new();
        private int _thread = -1;

        public ManualResetEventSlim Paused { get; } = new();

        public void PauseOnThisThread() => Volatile.Write(ref _thread, Environment.CurrentManagedThreadId);

        public void Resume() => _resume.Set();

        public bool Equals(int x, int y)
        {
            if (x == y && Volatile.Read(ref _thread) == Environment.CurrentManagedThreadId)
            {
                Volatile.Write(ref _thread, -1); // once
                Paused.Set();
                _resume.Wait(TimeSpan.FromSeconds(30));
            }
            return x == y;
        }

        public int GetHashCode(int obj) => obj;
    }
}
