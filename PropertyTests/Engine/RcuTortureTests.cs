using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.Engine;

/// <summary>
/// QEMU's rcutorture stress test (docs/design/rcu-algorithms.md §6), ported: one real updater cycles a ring of 10
/// slots, five fake updaters add grace-period contention, readers record the age of the slot they saw. An age of 2 or
/// more means a read section spanned a whole Synchronize; mbtest == 0 means a reader saw a slot being reused or
/// published out of order. Both must never happen.
/// </summary>
public class RcuTortureTests
{
    private const int PipeLength = 10;

    private sealed class Slot
    {
        public int Age;
        public int MbTest;
    }

    [Theory]
    [InlineData(1, RcuReadFlavor.Asymmetric, false)]
    [InlineData(4, RcuReadFlavor.Asymmetric, false)]
    [InlineData(1, RcuReadFlavor.FullFence, false)]
    [InlineData(4, RcuReadFlavor.FullFence, false)]
    [InlineData(4, RcuReadFlavor.Asymmetric, true)]
    [InlineData(4, RcuReadFlavor.FullFence, true)]
    public void Stress_NoOrderingErrors_AndNoAgeBeyondOne(int readerCount, RcuReadFlavor flavor, bool throughThreadReader)
    {
        using var domain = new RcuDomain(new RcuOptions { ReadFlavor = flavor });
        Slot[] ring = Enumerable.Range(0, PipeLength).Select(_ => new Slot()).ToArray();
        ring[0].MbTest = 1;
        Slot current = ring[0];
        long mbErrors = 0, updates = 0, reads = 0;
        long[] histogram = new long[PipeLength + 1];
        using var stop = new CancellationTokenSource();

        var readers = Enumerable.Range(0, readerCount).Select(_ => new Thread(() =>
        {
            long[] local = new long[PipeLength + 1];
            long localErrors = 0, localReads = 0;
            int scratch = 0;
            RcuThreadReader handle = domain.GetThreadReader();
            while (!stop.IsCancellationRequested)
            {
                int age;
                // The outer section through the thread reader or per call; the inner one per call (they nest as one).
                using (throughThreadReader ? handle.ReadLock() : domain.ReadLock())
                {
                    Slot p = Volatile.Read(ref current);
                    if (Volatile.Read(ref p.MbTest) == 0) localErrors++;
                    using (domain.ReadLock())
                    {
                        for (int i = 0; i < 100; i++) Volatile.Write(ref scratch, scratch + 1);
                    }
                    age = Volatile.Read(ref p.Age);
                }
                local[age < 0 || age > PipeLength ? PipeLength : age]++;
                localReads++;
            }
            lock (histogram)
            {
                for (int i = 0; i < local.Length; i++) histogram[i] += local[i];
                mbErrors += localErrors;
                reads += localReads;
            }
        })).ToList();

        var updater = new Thread(() =>
        {
            int index = 0;
            while (!stop.IsCancellationRequested)
            {
                index = (index + 1) % PipeLength;
                Slot next = ring[index];
                Assert.NotSame(next, Volatile.Read(ref current));
                Volatile.Write(ref next.MbTest, 0);
                Interlocked.MemoryBarrier(); // mbtest = 0 is visible before the slot looks fresh again
                Volatile.Write(ref next.Age, 0);
                Volatile.Write(ref next.MbTest, 1);
                Volatile.Write(ref current, next); // publish (release)
                foreach (Slot s in ring)
                    if (!ReferenceEquals(s, next)) Volatile.Write(ref s.Age, s.Age + 1);
                domain.Synchronize();
                Interlocked.Increment(ref updates);
            }
        });
        var fakeUpdaters = Enumerable.Range(0, 5).Select(_ => new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                domain.Synchronize();
                Thread.Sleep(1);
            }
        })).ToList();

        readers.ForEach(t => t.Start());
        updater.Start();
        fakeUpdaters.ForEach(t => t.Start());
        // Run for the tier's duration and at least 10 updates (capped): on two oversubscribed cores a reader
        // preempted inside its section stretches grace periods, and a run with a handful of updates proves little.
        TimeSpan duration = StressTier.Duration(0.5, 5);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < duration || (Interlocked.Read(ref updates) < 10 && clock.Elapsed < TimeSpan.FromSeconds(15)))
            Thread.Sleep(10);
        stop.Cancel();
        readers.ForEach(t => t.Join());
        updater.Join();
        fakeUpdaters.ForEach(t => t.Join());

        Assert.True(Interlocked.Read(ref updates) >= 10, $"only {updates} updates in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(reads > 0);
        Assert.Equal(0, mbErrors);
        for (int age = 2; age <= PipeLength; age++)
            Assert.True(histogram[age] == 0, $"{histogram[age]} reads saw age {age}: a section spanned a grace period");
    }
}
