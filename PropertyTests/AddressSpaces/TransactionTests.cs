using RcuCollections.AddressSpaces;

namespace RcuCollections.Tests.AddressSpaces;

/// <summary>Transactions and the update-pending rules of docs/design/address-space-rendering.md §2.</summary>
public class TransactionTests
{
    [Fact]
    public void InsideATransaction_ReadersKeepTheOldView_OnlyTheOutermostDisposePublishes()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            long commits = map.CommitCount;
            FlatView before = space.CurrentView;
            using (map.BeginTransaction())
            {
                root.AddSubregion(0, MemoryRegion.Ram("a", 0x100));
                using (map.BeginTransaction())
                {
                    root.AddSubregion(0x100, MemoryRegion.Ram("b", 0x100));
                    Assert.True(map.InTransaction);
                }

                Assert.Same(before, space.CurrentView);
                Assert.True(space.Translate(0).IsUnassigned);
                Assert.Equal(commits, map.CommitCount);
            }

            Assert.False(map.InTransaction);
            Assert.Equal(commits + 1, map.CommitCount);
            Assert.Equal(["[0x0,0x100) a @0x0", "[0x100,0x200) b @0x0"], Ranges.Of(space));
        }
    }

    [Fact]
    public void MutatorsOutsideATransaction_EachCommit()
    {
        (MemoryMap map, MemoryRegion root, _) = Ranges.NewSystem();
        using (map)
        {
            long commits = map.CommitCount;
            MemoryRegion ram = MemoryRegion.Ram("ram", 0x100);
            root.AddSubregion(0, ram);
            ram.SetAddress(0x100);
            ram.SetReadOnly(true);
            root.RemoveSubregion(ram);
            Assert.Equal(commits + 4, map.CommitCount);
        }
    }

    [Fact]
    public void UpdatePending_FollowsQemuRules()
    {
        (MemoryMap map, MemoryRegion root, _) = Ranges.NewSystem();
        using (map)
        {
            MemoryRegion off = MemoryRegion.Ram("off", 0x100);
            off.SetEnabled(false);

            long commits = map.CommitCount;
            root.AddSubregion(0, off);                // child disabled: no update
            off.SetReadOnly(true);                     // region disabled: no update
            off.SetAddress(0x200);                     // del + add of a disabled child: no update
            off.SetAddress(0x200);                     // same value: nothing at all
            Assert.Equal(commits, map.CommitCount);

            off.SetSize(0x200);                        // set_size always updates
            Assert.Equal(commits + 1, map.CommitCount);
            off.SetEnabled(true);                      // set_enabled always updates
            Assert.Equal(commits + 2, map.CommitCount);
            off.SetEnabled(true);                      // unchanged: nothing
            Assert.Equal(commits + 2, map.CommitCount);

            MemoryRegion detached = MemoryRegion.Ram("detached", 0x100);
            detached.SetReadOnly(true);                // belongs to no map: nothing to commit
            Assert.Equal(commits + 2, map.CommitCount);
        }
    }

    [Fact]
    public void TransactionDisposal_OnAnotherThread_Throws_AndDoubleDisposeIsHarmless()
    {
        (MemoryMap map, _, _) = Ranges.NewSystem();
        using (map)
        {
            IDisposable transaction = map.BeginTransaction();
            Exception? failure = null;
            Thread other = new(() => failure = Record.Exception(transaction.Dispose));
            other.Start();
            other.Join();
            Assert.IsType<InvalidOperationException>(failure);

            transaction.Dispose();
            transaction.Dispose();
            Assert.False(map.InTransaction);
        }
    }

    [Fact]
    public void WriterLock_SerializesMutatorsFromOtherThreads_UntilTheTransactionEnds()
    {
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem();
        using (map)
        {
            using ManualResetEventSlim started = new();
            using ManualResetEventSlim done = new();
            Thread other = new(() =>
            {
                started.Set();
                root.AddSubregion(0x1000, MemoryRegion.Ram("late", 0x10));
                done.Set();
            });
            using (map.BeginTransaction())
            {
                other.Start();
                Assert.True(started.Wait(TimeSpan.FromSeconds(10)));
                Assert.False(done.Wait(TimeSpan.FromMilliseconds(100)), "the other writer must wait for the transaction");
                root.AddSubregion(0, MemoryRegion.Ram("early", 0x10));
            }

            Assert.True(done.Wait(TimeSpan.FromSeconds(10)));
            other.Join();
            Assert.Equal(["[0x0,0x10) early @0x0", "[0x1000,0x1010) late @0x0"], Ranges.Of(space));
        }
    }
}
