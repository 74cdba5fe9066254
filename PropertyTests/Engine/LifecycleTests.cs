using System.Diagnostics;
using System.Diagnostics.Metrics;
using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.Engine;

public class LifecycleTests
{
    [Fact]
    public void ThreadChurn_DuringGracePeriods_NeverBlocks_AndDeadRecordsArePruned()
    {
        using var domain = new RcuDomain();
        using var stop = new CancellationTokenSource();
        long sections = 0;
        var churn = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var batch = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
                {
                    for (int i = 0; i < 100; i++)
                    {
                        using (domain.ReadLock())
                        using (domain.ReadLock())
                            Interlocked.Increment(ref sections);
                    }
                })).ToArray();
                foreach (Thread t in batch) t.Start();
                foreach (Thread t in batch) t.Join();
            }
        });
        churn.Start();
        var sw = Stopwatch.StartNew();
        int gps = 0;
        while (sw.Elapsed < StressTier.Duration(0.5, 5))
        {
            domain.Synchronize();
            domain.Defer(() => { });
            gps++;
        }
        stop.Cancel();
        churn.Join();
        domain.Barrier();
        domain.Synchronize(); // prunes the records of every thread that has exited
        RcuStatistics s = domain.GetStatistics();
        Assert.True(gps > 5 && Interlocked.Read(ref sections) > 0);
        Assert.True(s.ReadersPruned > 0);
        Assert.True(s.RegisteredReaders <= 1, $"{s.RegisteredReaders} records of dead threads were kept");
        Assert.Equal(0, s.ReadersDiedInSection);
    }

    [Fact]
    public void ThreadThatDiedInsideASection_NeverBlocksAGracePeriod_AndIsReported()
    {
        using var domain = new RcuDomain();
        var t = new Thread(() =>
        {
            RcuReadGuard leaked = domain.ReadLock(); // never disposed: the thread ends inside its section
            _ = leaked;
        });
        t.Start();
        t.Join();
        var sw = Stopwatch.StartNew();
        domain.Synchronize();
        domain.Barrier();
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(2));
        Assert.Equal(1, domain.GetStatistics().ReadersDiedInSection);
    }

    [Fact]
    public void StallWarning_IsRaised_ForAReaderThatHoldsUpAGracePeriod()
    {
        using var domain = new RcuDomain(new RcuOptions { StallWarningThreshold = TimeSpan.FromMilliseconds(100), PollsBeforeForce = 1000 });
        using var raised = new ManualResetEventSlim();
        int stalledThread = 0;
        domain.ReaderStalled += (_, e) => { stalledThread = e.ManagedThreadId; raised.Set(); };
        var reader = new SpinningReader(domain, SpinningReader.ExitMode.Never);
        var sync = new Thread(domain.Synchronize);
        sync.Start();
        Assert.True(raised.Wait(TimeSpan.FromSeconds(5)), "No stall warning.");
        Assert.NotEqual(0, stalledThread);
        reader.Dispose();
        sync.Join();
        Assert.True(domain.GetStatistics().StallWarnings >= 1);
    }

    [Fact]
    public void Meter_PublishesGracePeriods_PendingCallbacks_AndLatency()
    {
        using var domain = new RcuDomain(new RcuOptions { Name = "metrics-test" });
        var seen = new HashSet<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "RcuCollections.Rcu") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((inst, value, tags, _) => { lock (seen) seen.Add(inst.Name); });
        listener.SetMeasurementEventCallback<double>((inst, value, tags, _) => { lock (seen) seen.Add(inst.Name); });
        listener.Start();
        domain.Synchronize();
        domain.Defer(() => { });
        domain.Barrier();
        listener.RecordObservableInstruments();
        lock (seen)
        {
            Assert.Contains("rcu.grace_periods", seen);
            Assert.Contains("rcu.grace_periods.forced", seen);
            Assert.Contains("rcu.callbacks.pending", seen);
            Assert.Contains("rcu.grace_period.duration", seen);
        }
    }

    [Fact]
    public void ForceCallback_RunsOnlyWhenForced_AndCanBeUnregistered()
    {
        using var domain = new RcuDomain(new RcuOptions { PollsBeforeForce = 1000 });
        int calls = 0;
        using var entered = new ManualResetEventSlim();
        using var leave = new ManualResetEventSlim();
        IDisposable? registration = null;
        var reader = new Thread(() =>
        {
            registration = domain.RegisterForceCallback(() => { Interlocked.Increment(ref calls); leave.Set(); });
            using (domain.ReadLock())
            {
                entered.Set();
                leave.Wait();
            }
        });
        reader.Start();
        entered.Wait();
        var sync = new Thread(domain.Synchronize);
        sync.Start();
        Assert.False(sync.Join(150)); // normal state: polling, no callback
        Assert.Equal(0, Volatile.Read(ref calls));
        domain.Expedite();
        Assert.True(sync.Join(TimeSpan.FromSeconds(2)));
        reader.Join();
        Assert.Equal(1, Volatile.Read(ref calls));
        registration!.Dispose();
        registration.Dispose(); // idempotent
    }
}
