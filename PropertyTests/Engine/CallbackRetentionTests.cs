using System.Runtime.CompilerServices;

namespace RcuCollections.Tests.Engine;

/// <summary>
/// After <see cref="RcuDomain.Barrier"/> and a full GC, nothing that was retired or deferred is still reachable through
/// the callback queue, even when a reusable <see cref="RcuCallback"/> node queued before it is kept alive by its owner
/// (defect D3: dequeued nodes kept their link to the next node, so one long-lived node held every later one).
/// </summary>
public class CallbackRetentionTests
{
    private sealed class OwnedNode : RcuCallback
    {
        protected override void Invoke() { }
    }

    private sealed class Payload : IDisposable
    {
        public readonly byte[] Bytes = new byte[1024];
        public void Dispose() { }
    }

    [Fact]
    public void RetiredObjects_AreUnreachable_AfterBarrier_EvenBehindAnOwnedNode()
    {
        using var domain = new RcuDomain();
        var owned = new OwnedNode(); // kept alive by this test, as a pooled list keeps its versions
        WeakReference[] retired = DeferOwnedThenRetire(domain, owned, count: 100);
        domain.Barrier();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect();
        int alive = retired.Count(w => w.IsAlive);
        Assert.True(alive == 0, $"{alive} of {retired.Length} retired objects are still reachable after Barrier and a full GC");
        GC.KeepAlive(owned);
    }

    [Fact]
    public void DeferredClosures_AreUnreachable_AfterBarrier_WhenTheQueueIsIdle()
    {
        using var domain = new RcuDomain();
        WeakReference[] captured = DeferClosures(domain, count: 100);
        domain.Barrier();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.Equal(0, captured.Count(w => w.IsAlive));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference[] DeferOwnedThenRetire(RcuDomain domain, OwnedNode owned, int count)
    {
        domain.Defer(owned);
        var weak = new WeakReference[count];
        for (int i = 0; i < count; i++)
        {
            var payload = new Payload();
            weak[i] = new WeakReference(payload);
            domain.Retire(payload);
        }
        return weak;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference[] DeferClosures(RcuDomain domain, int count)
    {
        var weak = new WeakReference[count];
        for (int i = 0; i < count; i++)
        {
            var payload = new Payload();
            weak[i] = new WeakReference(payload);
            domain.Defer(() => GC.KeepAlive(payload));
        }
        return weak;
    }
}
