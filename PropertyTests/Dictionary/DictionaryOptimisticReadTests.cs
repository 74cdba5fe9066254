namespace RcuCollections.Tests.Dictionary;

/// <summary>
/// The optimistic read path (no read section, validated by the segment's slot-reuse generation): a reader that
/// matched its key and is then paused (test hook) while the slot is removed, recycled and refilled must not return
/// what it finds there afterwards. With the reuse brackets removed from the writer side, this test fails.
/// </summary>
public class DictionaryOptimisticReadTests
{
    /// <summary>A value type used by this test only, so the hook binds to this one instantiation.</summary>
    public readonly record struct HookedValue(long V);

    [Fact]
    public void AnOptimisticReaderWhoseSlotIsRecycled_FallsBack_InsteadOfReturningTheNewContents()
    {
        using var domain = new RcuDomain(new RcuOptions { PollInterval = TimeSpan.FromMilliseconds(1) });
        using var paused = new ManualResetEventSlim();
        using var resume = new ManualResetEventSlim();
        int readerThread = 0;
        RcuDictionaryTestHooks.SetOptimisticMatchHook(typeof(HookedValue), () =>
        {
            if (Environment.CurrentManagedThreadId != Volatile.Read(ref readerThread)) return;
            paused.Set();
            resume.Wait();
        });
        var map = new RcuDictionary<int, HookedValue>(new RcuDictionaryOptions { Domain = domain, SegmentCount = 2, Capacity = 4096 });
        for (int k = 1000; k < 2000; k++) map[k] = new HookedValue(k); // bulk that keeps the segments from shrinking
        map[5] = new HookedValue(5);

        bool found = false;
        HookedValue seen = default;
        var reader = new Thread(() =>
        {
            Volatile.Write(ref readerThread, Environment.CurrentManagedThreadId);
            found = map.TryGetValue(5, out seen);
        });
        reader.Start();
        Assert.True(paused.Wait(TimeSpan.FromSeconds(10)), "the reader never matched key 5 optimistically");
        Volatile.Write(ref readerThread, -1);

        // The reader stands on key 5's slot, in no read section. Remove the key, then retire enough slots in both
        // segments that the batch holding it is sealed, let its grace period pass (nothing waits for the reader), and
        // keep writing so the batch is recycled (cleared) and its slots refilled with other keys.
        Assert.True(map.TryRemove(5, out _));
        for (int round = 0; round < 4; round++)
        {
            for (int k = 100; k < 164; k++) map[k] = new HookedValue(k);
            for (int k = 100; k < 164; k++) Assert.True(map.TryRemove(k, out _));
            domain.Synchronize();
        }
        resume.Set();
        reader.Join();

        // The read may linearize before the removal (it returns key 5's value) or fall back and find it gone; it must
        // never return a cleared slot or another key's value.
        Assert.True(!found || seen.V == 5, $"returned {seen} for key 5 from a recycled slot");
    }
}

/// <summary>
/// The other hazard of the optimistic path: a reader pairs a table array with the shape (size and placement) published
/// beside it. A table swap is therefore inside a reuse window too; a reader that loaded the old array and then the new
/// shape must fall back rather than probe the old array at the new table's home slot. With the window removed from
/// Publish, some of these keys are reported absent.
/// </summary>
public class DictionaryOptimisticTableSwapTests
{
    /// <summary>A value type used by this test only, so the hook binds to this one instantiation.</summary>
    public readonly record struct SwappedValue(int V);

    [Fact]
    public void AnOptimisticReaderWhoseTableIsReplacedBetweenItsLoads_StillFindsItsKey()
    {
        var missed = new List<int>();
        for (int key = 0; key < 24; key++)
        {
            if (!LookupAcrossAGrowth(key)) missed.Add(key);
        }
        Assert.True(missed.Count == 0, $"keys reported absent across a table swap: {string.Join(", ", missed)}");
    }

    private static bool LookupAcrossAGrowth(int key)
    {
        using var paused = new ManualResetEventSlim();
        using var resume = new ManualResetEventSlim();
        int readerThread = 0;
        RcuDictionaryTestHooks.SetOptimisticTableLoadedHook(typeof(SwappedValue), () =>
        {
            if (Environment.CurrentManagedThreadId != Volatile.Read(ref readerThread)) return;
            Volatile.Write(ref readerThread, -1); // once
            paused.Set();
            resume.Wait();
        });
        try
        {
            // One segment of 32 slots (24 usable) holding 24 keys: the next insert grows it to 64, changing every home slot.
            var map = new RcuDictionary<int, SwappedValue>(new RcuDictionaryOptions { SegmentCount = 1, Capacity = 20 });
            for (int k = 0; k < 24; k++) map[k] = new SwappedValue(k);
            int tablesBefore = (int)map.GetDiagnostics().TotalCapacity;

            bool found = false;
            SwappedValue seen = default;
            var reader = new Thread(() =>
            {
                Volatile.Write(ref readerThread, Environment.CurrentManagedThreadId);
                found = map.TryGetValue(key, out seen);
            });
            reader.Start();
            Assert.True(paused.Wait(TimeSpan.FromSeconds(10)), "the reader never loaded a table");
            for (int k = 1000; map.GetDiagnostics().TotalCapacity == tablesBefore; k++) map[k] = new SwappedValue(k);
            resume.Set();
            reader.Join();
            Assert.True(!found || seen.V == key, $"key {key} returned {seen}");
            return found;
        }
        finally
        {
            resume.Set();
            RcuDictionaryTestHooks.SetOptimisticTableLoadedHook(typeof(SwappedValue), () => { });
        }
    }
}
