using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.Engine;

/// <summary>
/// QEMU's test-rcu-list (docs/design/rcu-algorithms.md §6) with poisoning: a list of 100 nodes, readers traversing it
/// in read sections, one updater removing and inserting and deferring each removed node's reclaim, which poisons it. A
/// reader that ever sees a poisoned node saw memory reclaimed under it. At the end removed == reclaimed.
/// </summary>
public class RcuListTortureTests
{
    private const int Length = 100;

    private sealed class Node(int value)
    {
        public readonly int Value = value;
        public Node? Next;
        public int Poisoned;
    }

    [Theory]
    [InlineData(1, 0.3)]   // single-threaded
    [InlineData(5, 0.3)]   // short-few
    [InlineData(20, 0.5)]  // long-many
    public void Readers_NeverSeeAReclaimedNode_AndEveryRemovalIsReclaimed(int readerCount, double seconds)
    {
        using var domain = new RcuDomain();
        var head = new Node(-1);
        for (int i = 0; i < Length; i++) head.Next = new Node(i) { Next = head.Next };
        long poisonSeen = 0, traversals = 0, removed = 0, reclaimed = 0;
        using var stop = new CancellationTokenSource();

        var readers = Enumerable.Range(0, readerCount).Select(_ => new Thread(() =>
        {
            long localPoison = 0, localTraversals = 0;
            while (!stop.IsCancellationRequested)
            {
                using (domain.ReadLock())
                {
                    for (Node? n = Volatile.Read(ref head.Next); n is not null; n = Volatile.Read(ref n.Next))
                        if (Volatile.Read(ref n.Poisoned) != 0) localPoison++;
                }
                localTraversals++;
                Thread.Yield();
            }
            Interlocked.Add(ref poisonSeen, localPoison);
            Interlocked.Add(ref traversals, localTraversals);
        })).ToList();

        void Reclaim(Node n)
        {
            domain.Defer(() =>
            {
                Volatile.Write(ref n.Poisoned, 1);
                Interlocked.Increment(ref reclaimed);
            });
            Interlocked.Increment(ref removed);
        }

        var updater = new Thread(() =>
        {
            var random = new Random(12345);
            int nextValue = Length;
            while (!stop.IsCancellationRequested)
            {
                // Remove the element at position t (counting from 1; t = 0 removes nothing, as in QEMU).
                int t = random.Next(Length);
                Node prev = head;
                for (int i = 1; i < t && prev.Next is not null; i++) prev = prev.Next;
                if (t > 0 && prev.Next is { } victim)
                {
                    Volatile.Write(ref prev.Next, victim.Next); // unlink; the victim keeps its Next for readers on it
                    Reclaim(victim);
                }
                // Insert a fresh element after position t.
                t = random.Next(Length);
                prev = head;
                for (int i = 0; i < t && prev.Next is not null; i++) prev = prev.Next;
                var fresh = new Node(nextValue++) { Next = prev.Next };
                Volatile.Write(ref prev.Next, fresh); // publish a fully initialised node (release)
                domain.Synchronize();
            }
        });

        readers.ForEach(r => r.Start());
        updater.Start();
        stop.CancelAfter(StressTier.Duration(seconds, seconds * 10));
        updater.Join();
        readers.ForEach(r => r.Join());

        // Tear down: remove everything, then wait for every reclaim.
        for (Node? n = head.Next; n is not null; n = n.Next) Reclaim(n);
        head.Next = null;
        domain.Barrier();

        Assert.True(traversals > 0);
        Assert.Equal(0, Interlocked.Read(ref poisonSeen));
        Assert.Equal(Interlocked.Read(ref removed), Interlocked.Read(ref reclaimed));
    }
}
