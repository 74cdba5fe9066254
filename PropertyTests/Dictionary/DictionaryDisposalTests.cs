using RcuCollections.Tests.Support;
namespace RcuCollections.Tests.Dictionary;

/// <summary>DisposeRemovedValues: a value leaves the map, and is disposed only after a grace period (guarantee E).</summary>
public sealed class DictionaryDisposalTests
{
    [Fact]
    public void PoisonedValues_AreNeverObservedByReadersInsideTheirSection()
    {
        using var domain = new RcuDomain(new RcuOptions { PollInterval = TimeSpan.FromMilliseconds(1) });
        var map = new RcuDictionary<int, Poisonable>(new RcuDictionaryOptions { Domain = domain, DisposeRemovedValues = true, SegmentCount = 4 });
        const int Keys = 64;
        var created = new System.Collections.Concurrent.ConcurrentQueue<Poisonable>();
        Poisonable Make() { var p = new Poisonable(); created.Enqueue(p); return p; }
        for (int k = 0; k < Keys; k++) map[k] = Make();

        using var stop = new CancellationTokenSource(StressTier.Duration(0.3, 20));
        long checks = 0;
        Worker[] readers = Enumerable.Range(0, 2).Select(_ => Workers.Start(() =>
        {
            var random = new Random();
            while (!stop.IsCancellationRequested)
            {
                using RcuReadGuard guard = domain.ReadLock();
                if (map.TryGetValue(random.Next(Keys), out Poisonable? value))
                {
                    value.Touch(); // throws if disposed
                    Thread.SpinWait(20);
                    value.Touch();
                    Interlocked.Increment(ref checks);
                }
            }
        })).ToArray();
        var writerRandom = new Random(3);
        while (!stop.IsCancellationRequested)
        {
            int key = writerRandom.Next(Keys);
            switch (writerRandom.Next(4))
            {
                case 0: map[key] = Make(); break;
                case 1: map.TryRemove(key, out _); break;
                case 2: map.AddOrUpdate(key, _ => Make(), (_, _) => Make()); break;
                default: map.GetOrAdd(key, _ => Make()); break;
            }
        }
        Workers.JoinAll(readers);
        map.Clear();
        domain.Barrier();

        // Everything that left the map was disposed, exactly once; values created by losing factories were never stored.
        Assert.True(Interlocked.Read(ref checks) > 0);
        Assert.All(created, p => Assert.True(p.DisposeCount <= 1, "disposed twice"));
        Assert.True(created.Count(p => p.DisposeCount == 1) >= Keys);
    }

    [Fact]
    public void ReplacingAValueWithItself_DoesNotDisposeIt_AndRemovalDisposesAfterAGracePeriod()
    {
        using var domain = new RcuDomain();
        var map = new RcuDictionary<string, Poisonable>(new RcuDictionaryOptions { Domain = domain, DisposeRemovedValues = true });
        var value = new Poisonable();
        map["k"] = value;
        map["k"] = value;
        domain.Barrier();
        Assert.Equal(0, value.DisposeCount);

        using (domain.ReadLock())
        {
            Assert.True(map.TryRemove("k", out _));
            // Still inside a section that began before the removal: the value must stay usable.
            value.Touch();
        }
        domain.Barrier();
        Assert.Equal(1, value.DisposeCount);
    }

    [Fact]
    public void WithoutTheOption_RemovedValuesAreNotDisposed()
    {
        using var domain = new RcuDomain();
        var map = new RcuDictionary<int, Poisonable>(new RcuDictionaryOptions { Domain = domain });
        var value = new Poisonable();
        map[1] = value;
        map.TryRemove(1, out _);
        domain.Barrier();
        Assert.Equal(0, value.DisposeCount);
    }

    /// <summary>A value that records disposal and refuses to be used afterwards.</summary>
    private sealed class Poisonable : IDisposable
    {
        private int _disposeCount;

        public int DisposeCount => Volatile.Read(ref _disposeCount);

        public void Touch()
        {
            if (DisposeCount != 0) throw new ObjectDisposedException(nameof(Poisonable), "a reader observed a disposed (poisoned) value inside its read section");
        }

        public void Dispose() => Interlocked.Increment(ref _disposeCount);
    }
}
