using FsCheck;
using FsCheck.Fluent;
using RcuCollections.Linearizability;
using RcuCollections.Tests.Support;
using Xunit.Abstractions;

namespace RcuCollections.Tests.Reference;

/// <summary>
/// <see cref="RcuReference{T}"/>: linearizable reads and writes (our checker, with teeth), no object disposed while a
/// reader that read it is still in its section (poisoning, with teeth), no update lost among racing writers, and the
/// contract at its edges (bad input, throwing transforms, a disposed domain, allocations).
/// </summary>
public sealed class RcuReferenceTests(ITestOutputHelper output)
{
    private static readonly Gen<ReferenceOperation> s_operations =
        from command in Gen.Frequency(
            (3, Gen.Constant(ReferenceCommand.Read)),
            (2, Gen.Constant(ReferenceCommand.Exchange)),
            (3, Gen.Constant(ReferenceCommand.CompareExchange)),
            (3, Gen.Constant(ReferenceCommand.Update)),
            (1, Gen.Constant(ReferenceCommand.Replace)))
        from comparand in Gen.Choose(0, 6)
        select new ReferenceOperation(command, 0, comparand * 1000);

    /// <summary>Operations get unique values from their positions (1-based), so every box id names the write that made it.</summary>
    private static ReferenceOperation MakeUnique(ReferenceOperation operation, int position) => operation with { Value = position + 1 };

    /// <summary>The object under test: a reference plus the run's boxes. <paramref name="brokenCompareExchange"/> reads then writes (for the teeth).</summary>
    private sealed class ReferenceUnderTest(bool brokenCompareExchange = false, bool asyncSectionReads = false)
    {
        private readonly BoxInterner _boxes = new();
        private readonly RcuReference<Box> _reference = new(null);

        public ReferenceUnderTest Init()
        {
            _reference.Exchange(_boxes.Of(0));
            return this;
        }

        public int Execute(ReferenceOperation op)
        {
            switch (op.Command)
            {
                case ReferenceCommand.Read when asyncSectionReads:
                    using (_reference.Domain.EnterAsyncSection()) return _reference.Value!.Id;
                case ReferenceCommand.Read:
                    using (_reference.Domain.ReadLock()) return _reference.Value!.Id;
                case ReferenceCommand.Exchange:
                    return _reference.Exchange(_boxes.Of(op.Value * 1000))!.Id;
                case ReferenceCommand.CompareExchange:
                    Box comparand = _boxes.Of(op.Comparand), value = _boxes.Of(op.Value * 1000);
                    if (!brokenCompareExchange) return _reference.CompareExchange(value, comparand)!.Id;
                    Box seen = _reference.Value!; // check, then act: a write can slip in between
                    Thread.SpinWait(2_000); // a window wide enough to be hit on two loaded cores, in a Debug build too
                    if (ReferenceEquals(seen, comparand)) _reference.Exchange(value);
                    return seen.Id;
                case ReferenceCommand.Update:
                    return _reference.Update(static (current, s) => s.Boxes.Of(ReferenceModel.UpdatedId(s.Value, current!.Id)), (Boxes: _boxes, op.Value)).Id;
                default:
                    _reference.Replace(_boxes.Of(op.Value * 1000));
                    return 0;
            }
        }
    }

    private static LinearizabilityProperty<ReferenceUnderTest, int, ReferenceOperation, int> Property(bool broken, bool asyncSectionReads = false) =>
        LinearizabilityProperty.Create(() => new ReferenceUnderTest(broken, asyncSectionReads).Init(), s_operations, static (r, op) => r.Execute(op), new ReferenceModel(), MakeUnique);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ValueExchangeCompareExchangeUpdateAndReplace_AreLinearizable(bool readersInAsyncSections)
    {
        LinearizabilityReport report = Property(broken: false, readersInAsyncSections).Run(new LinearizabilityTestOptions { Scenarios = 100, RunsPerScenario = 40, TimeBudget = TimeSpan.FromSeconds(1.5) }.FromEnvironment());
        output.WriteLine(report.ToString());
        Assert.True(report.Passed, report.ToString());
        Assert.True(report.ScenariosTested >= 1);
        Assert.Equal(0, report.HistoriesUndecided);
    }

    [Fact]
    public void Teeth_ACheckThenActCompareExchange_IsCaught()
    {
        LinearizabilityReport report = Property(broken: true).Run(new LinearizabilityTestOptions { Scenarios = 2_000, TimeBudget = TimeSpan.FromSeconds(8), ShrinkTimeBudget = TimeSpan.FromSeconds(1) });
        output.WriteLine(report.ToString());
        Assert.False(report.Passed, "the property must catch a compare-exchange that checks, then acts");
        Assert.Equal(LinearizabilityFailureKind.NotLinearizable, report.FailureKind);
    }

    /// <summary>Readers in sections poison-check what they read while a writer replaces; returns how many poisoned reads were seen.</summary>
    internal static long PoisonedReads(RcuDomain domain, Func<Box?> read, Action<Box> replace, TimeSpan duration, int readers = 2)
    {
        long poisoned = 0, reads = 0;
        using var stop = new CancellationTokenSource();
        Thread[] threads = Enumerable.Range(0, readers).Select(_ => new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                using (domain.ReadLock())
                {
                    Box? box = read();
                    // Hold the object for a while, re-checking: a retire without a grace period disposes it under us.
                    for (int i = 0; i < 20 && box is not null; i++)
                    {
                        if (box.Disposals != 0) { Interlocked.Increment(ref poisoned); break; }
                        Thread.SpinWait(10);
                    }
                }
                Interlocked.Increment(ref reads);
            }
        })).ToArray();
        foreach (Thread t in threads) t.Start();
        long deadline = Environment.TickCount64 + (long)duration.TotalMilliseconds;
        int id = 1;
        while (Environment.TickCount64 < deadline) replace(new Box(id++));
        stop.Cancel();
        foreach (Thread t in threads) t.Join();
        Assert.True(Interlocked.Read(ref reads) > 0);
        return Interlocked.Read(ref poisoned);
    }

    [Fact]
    public void Replace_NeverDisposesAnObjectAReaderInASectionStillHolds()
    {
        using var domain = new RcuDomain(new RcuOptions { PollInterval = TimeSpan.FromMilliseconds(1) });
        var reference = new RcuReference<Box>(new Box(0), domain);
        long poisoned = PoisonedReads(domain, () => reference.Value, reference.Replace, StressTier.Duration(0.5, 5));
        domain.Barrier();
        Assert.Equal(0, poisoned);
    }

    [Fact]
    public void Teeth_ARetireWithoutAGracePeriod_IsCaughtByThePoisonCheck()
    {
        using var domain = new RcuDomain();
        Box? published = new(0);
        // The broken writer: publish, then dispose the old object at once instead of after a grace period.
        long poisoned = PoisonedReads(domain, () => Volatile.Read(ref published), box => Interlocked.Exchange(ref published, box)?.Dispose(), TimeSpan.FromSeconds(2));
        Assert.True(poisoned > 0, "the poison check did not catch objects disposed under readers");
    }

    [Fact]
    public void RacingUpdates_LoseNoUpdate_AndEveryReplacedObjectIsDisposedOnce()
    {
        using var domain = new RcuDomain();
        var all = new System.Collections.Concurrent.ConcurrentBag<Box>();
        var first = new Box(0);
        all.Add(first);
        var reference = new RcuReference<Box>(first, domain);
        const int writers = 4, perWriter = 2_000;
        Thread[] threads = Enumerable.Range(0, writers).Select(_ => new Thread(() =>
        {
            for (int i = 0; i < perWriter; i++)
            {
                reference.Update(static (current, bag) =>
                {
                    var next = new Box(current!.Id + 1);
                    bag.Add(next); // a losing attempt's box is never published, so never disposed
                    return next;
                }, all);
            }
        })).ToArray();
        foreach (Thread t in threads) t.Start();
        foreach (Thread t in threads) t.Join();
        domain.Barrier();
        Box last = reference.Value!;
        Assert.Equal(writers * perWriter, last.Id);
        Assert.Equal(0, last.Disposals);
        // Ids 0 .. n-1 were each published once and replaced once: each disposed exactly once. Unpublished attempts: never.
        var published = all.Where(b => b.Id < last.Id).GroupBy(b => b.Id).ToDictionary(g => g.Key, g => g.Sum(b => b.Disposals));
        Assert.Equal(writers * perWriter, published.Count);
        Assert.All(published, p => Assert.Equal(1, p.Value));
    }

    [Fact]
    public void ExchangeAndCompareExchange_HandTheOldObjectToTheCaller_AndDisposeNothing()
    {
        using var domain = new RcuDomain();
        Box a = new(1), b = new(2), c = new(3);
        var reference = new RcuReference<Box>(a, domain);
        Assert.Same(domain, reference.Domain);
        Assert.Same(a, reference.Exchange(b));
        Assert.Same(b, reference.CompareExchange(c, a)); // comparand is not current: no swap
        Assert.Same(b, reference.Value);
        Assert.Same(b, reference.CompareExchange(c, b));
        Assert.Same(c, reference.Value);
        Assert.Same(c, reference.Exchange(null));
        Assert.Null(reference.Value);
        domain.Barrier();
        Assert.All(new[] { a, b, c }, x => Assert.Equal(0, x.Disposals));
        Assert.Same(RcuDomain.Default, new RcuReference<string>().Domain);
    }

    [Fact]
    public void Replace_DisposesOnlyWhatItReallyReplaced()
    {
        using var domain = new RcuDomain();
        Box a = new(1), b = new(2);
        var reference = new RcuReference<Box>(a, domain);
        reference.Replace(a); // the same instance: nothing replaced
        reference.Replace(b);
        reference.Replace(null);
        reference.Replace(null);
        domain.Barrier();
        Assert.Equal(1, a.Disposals); // a: replaced by b, disposed once (replacing it by itself disposed nothing)
        Assert.Equal(1, b.Disposals);
        var strings = new RcuReference<string>("x", domain);
        long pending = domain.GetStatistics().CallbacksPending;
        strings.Replace("y"); // not disposable: nothing to retire, nothing queued
        Assert.Equal(pending, domain.GetStatistics().CallbacksPending);
    }

    [Fact]
    public void BadInputAndThrowingTransforms_LeaveTheReferenceUnchanged()
    {
        using var domain = new RcuDomain();
        Box a = new(1);
        var reference = new RcuReference<Box>(a, domain);
        Assert.Equal("transform", Assert.Throws<ArgumentNullException>(() => reference.Update(null!)).ParamName);
        Assert.Equal("transform", Assert.Throws<ArgumentNullException>(() => reference.Update<int>(null!, 0)).ParamName);
        Assert.Throws<FormatException>(() => reference.Update(_ => throw new FormatException()));
        Assert.Same(a, reference.Value);
        domain.Barrier();
        Assert.Equal(0, a.Disposals);
    }

    [Fact]
    public void OnADisposedDomain_ReplaceAndUpdateThrowBeforePublishing_ReadsAndSwapsStillWork()
    {
        var domain = new RcuDomain();
        Box a = new(1), b = new(2);
        var reference = new RcuReference<Box>(a, domain);
        domain.Dispose();
        Assert.Throws<ObjectDisposedException>(() => reference.Replace(b));
        Assert.Throws<ObjectDisposedException>(() => reference.Update(_ => b));
        Assert.Same(a, reference.Value);
        Assert.Equal(0, a.Disposals);
        Assert.Same(a, reference.Exchange(b)); // the caller owns what it gets back
        Assert.Same(b, reference.Value);
    }

    [Fact]
    public void Replace_RacingDomainDispose_PublishesAndDisposesOnce_OrThrowsWithoutPublishing()
    {
        Race.Run(StressTier.Pick(500, 5000),
            _ =>
            {
                var domain = new RcuDomain();
                Box old = new(1);
                return (Domain: domain, Old: old, New: new Box(2), Reference: new RcuReference<Box>(old, domain));
            },
            s => s.Reference.Replace(s.New),
            s => s.Domain.Dispose(),
            (s, o) =>
            {
                Assert.Null(o.Second);
                if (o.First is null)
                {
                    Assert.Same(s.New, s.Reference.Value);
                    // By the drain, or once the domain's disposal (its last grace period) is complete: soon after Dispose returned.
                    Assert.True(Eventually.Holds(() => s.Old.Disposals == 1, TimeSpan.FromSeconds(5)));
                    Assert.Equal(1, s.Old.Disposals);
                }
                else
                {
                    Assert.IsType<ObjectDisposedException>(o.First);
                    Assert.Same(s.Old, s.Reference.Value);
                    Assert.Equal(0, s.Old.Disposals);
                }
            });
    }

    [Fact]
    public void Value_ExchangeAndCompareExchange_AllocateNothing()
    {
        var reference = new RcuReference<Box>(new Box(1));
        Box other = new(2);
        for (int i = 0; i < 100; i++) { _ = reference.Value; reference.Exchange(reference.CompareExchange(other, other)); }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            Box? seen = reference.Value;
            reference.CompareExchange(other, seen);
            reference.Exchange(seen);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
