using System.Diagnostics;
using System.Reflection;
using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.Engine;

/// <summary><see cref="RcuDomain.DisposeAsync"/>, <see cref="RcuDomain.BarrierAsync"/> and the debugger display.</summary>
public class AsyncLifetimeTests
{
    [Fact]
    public async Task DisposeAsync_DrainsEveryPendingCallback_ThenLaterCallsThrow()
    {
        var domain = new RcuDomain();
        int ran = 0;
        for (int i = 0; i < 100; i++) domain.Defer(() => Interlocked.Increment(ref ran));
        await domain.DisposeAsync();
        Assert.Equal(100, ran);
        Assert.True(domain.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => domain.Defer(() => { }));
        await domain.DisposeAsync(); // idempotent
        domain.Dispose();
    }

    [Fact]
    public async Task DisposeAsync_WaitsForAReaderWithoutBlockingTheCaller()
    {
        var domain = new RcuDomain(new RcuOptions { PollInterval = TimeSpan.FromMilliseconds(1) });
        var reader = new HeldReader(domain);
        int ran = 0;
        domain.Defer(() => ran = 1);
        ValueTask disposing = domain.DisposeAsync(); // returns at once: the drain waits for the reader
        Assert.False(disposing.IsCompleted);
        Assert.Equal(0, Volatile.Read(ref ran));
        reader.Dispose(); // leaves its section
        await disposing.AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, ran);
    }

    [Fact]
    public async Task ConcurrentDisposeAndDisposeAsync_AllReturnAfterTheDomainIsDisposed()
    {
        for (int trial = 0; trial < 50; trial++)
        {
            var domain = new RcuDomain();
            int ran = 0;
            domain.Defer(() => { Thread.SpinWait(1000); ran = 1; });
            Task sync = Task.Run(domain.Dispose);
            Task async1 = domain.DisposeAsync().AsTask();
            Task async2 = Task.Run(async () => await domain.DisposeAsync());
            await Task.WhenAll(sync, async1, async2).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(1, ran);
        }
    }

    [Fact]
    public async Task DisposeAsync_OnTheDefaultDomain_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => { _ = RcuDomain.Default.DisposeAsync(); });
        await RcuDomain.Default.BarrierAsync();
    }

    [Fact]
    public async Task BarrierAsync_CompletesAfterEveryEarlierCallback_AndForcesABusyReader()
    {
        using var domain = new RcuDomain(new RcuOptions { PollsBeforeForce = 1000 });
        using var reader = new SpinningReader(domain, SpinningReader.ExitMode.ForceCallback);
        int ran = 0;
        domain.Defer(() => ran = 1);
        await domain.BarrierAsync().WaitAsync(TimeSpan.FromSeconds(10)); // without forcing this would wait 1000 polls
        Assert.Equal(1, ran);
        Assert.True(domain.GetStatistics().ForcedGracePeriods >= 1);
        // The forcing it asked for ended with it: a later grace period polls first.
        Assert.True(Eventually.Holds(() => domain.GetStatistics().CallbacksPending == 0, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task BarrierAsync_Cancelled_StopsWaiting_TheDrainStillHappens()
    {
        using var domain = new RcuDomain(new RcuOptions { PollInterval = TimeSpan.FromMilliseconds(1) });
        RcuAsyncSection section = domain.EnterAsyncSection(); // holds every grace period up
        int ran = 0;
        domain.Defer(() => ran = 1);
        using var cts = new CancellationTokenSource();
        Task barrier = domain.BarrierAsync(cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => barrier);
        section.Dispose();
        await domain.BarrierAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, ran);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => domain.BarrierAsync(cts.Token));
    }

    [Fact]
    public void BarrierAsync_Misuse_Throws()
    {
        var domain = new RcuDomain();
        using (domain.ReadLock())
        {
            Assert.Throws<InvalidOperationException>(() => { _ = domain.BarrierAsync(); });
        }
        domain.Dispose();
        Assert.Throws<ObjectDisposedException>(() => { _ = domain.BarrierAsync(); });
    }

    [Fact]
    public void DebuggerDisplay_NamesTheDomainItsReadersAndPendingCallbacks()
    {
        using var domain = new RcuDomain(new RcuOptions { Name = "orders" });
        using (domain.ReadLock()) { }
        Assert.NotNull(typeof(RcuDomain).GetCustomAttribute<DebuggerDisplayAttribute>());
        string display = (string)typeof(RcuDomain).GetProperty("DebuggerDisplay", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(domain)!;
        Assert.Contains("\"orders\"", display);
        Assert.Contains("1 readers", display);
        Assert.Contains("callbacks pending", display);
    }
}
