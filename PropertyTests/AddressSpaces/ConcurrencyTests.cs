using System.Collections.Concurrent;
using System.Diagnostics;
using RcuCollections.AddressSpaces;
using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.AddressSpaces;

/// <summary>
/// Readers translate lock-free while a writer commits: every view a reader sees is one whole generation, and the
/// history of Translate calls against commits is linearizable (checked directly by <see cref="RegisterHistory"/>).
/// </summary>
public class ConcurrencyTests
{
    private const int Windows = 8;
    private const ulong Page = 0x1000;

    [Fact]
    public void Translate_AgainstConcurrentCommits_NeverMixesViews_AndIsLinearizable()
    {
        using RcuDomain domain = new();
        (MemoryMap map, MemoryRegion root, AddressSpace space) = Ranges.NewSystem(domain);
        using (map)
        {
            // Window i shows the backing at page (g * Windows + i) in generation g; gaps keep the windows from merging.
            MemoryRegion backing = MemoryRegion.Ram("generations", 1UL << 40);
            MemoryRegion[] windows = new MemoryRegion[Windows];
            for (int i = 0; i < Windows; i++)
            {
                windows[i] = MemoryRegion.Alias($"w{i}", backing, PageOf(0, i) * Page, Page);
                root.AddSubregion(WindowAddress(i), windows[i]);
            }

            List<RegisterHistory.Write> writes = [new(0, 0, 0)];
            ConcurrentBag<List<RegisterHistory.Read>> readLogs = [];
            long mixedViews = 0;
            long viewsChecked = 0;
            int stop = 0;

            Thread[] readers = Enumerable.Range(0, 2).Select(t => new Thread(() =>
            {
                List<RegisterHistory.Read> log = [];
                Random random = new(t + 1);
                for (int n = 0; Volatile.Read(ref stop) == 0; n++)
                {
                    int window = random.Next(Windows);
                    ulong address = WindowAddress(window) + (ulong)random.Next((int)Page);
                    long invoke = Stopwatch.GetTimestamp();
                    TranslationResult translation = space.Translate(address);
                    long response = Stopwatch.GetTimestamp();
                    log.Add(new RegisterHistory.Read(Decode(translation.OffsetInRegion / Page, window), invoke, response, t));

                    if (n % 16 == 0)
                    {
                        using (domain.ReadLock())
                        {
                            FlatView view = space.CurrentView;
                            int[] generations = view.Ranges.Select((r, i) => Decode(r.OffsetInRegion / Page, i)).Distinct().ToArray();
                            if (view.Ranges.Count != Windows || generations.Length != 1 || generations[0] < 0)
                            {
                                Interlocked.Increment(ref mixedViews);
                            }

                            Interlocked.Increment(ref viewsChecked);
                        }
                    }
                }

                readLogs.Add(log);
            })).ToArray();
            foreach (Thread reader in readers)
            {
                reader.Start();
            }

            Stopwatch elapsed = Stopwatch.StartNew();
            TimeSpan duration = StressTier.Duration(0.4, 5);
            for (int g = 1; elapsed.Elapsed < duration; g++)
            {
                long invoke = Stopwatch.GetTimestamp();
                using (map.BeginTransaction())
                {
                    for (int i = 0; i < Windows; i++)
                    {
                        windows[i].SetAliasOffset(PageOf(g, i) * Page);
                    }
                }

                writes.Add(new RegisterHistory.Write(g, invoke, Stopwatch.GetTimestamp()));
            }

            Volatile.Write(ref stop, 1);
            foreach (Thread reader in readers)
            {
                reader.Join();
            }

            List<RegisterHistory.Read> reads = readLogs.SelectMany(l => l).ToList();
            Assert.True(writes.Count > 10, $"only {writes.Count} commits");
            Assert.True(reads.Count > 1000, $"only {reads.Count} reads");
            Assert.True(Interlocked.Read(ref viewsChecked) > 0);
            Assert.Equal(0, Interlocked.Read(ref mixedViews));
            List<string> problems = RegisterHistory.Check(writes, reads);
            Assert.True(problems.Count == 0, string.Join("\n", problems.Take(10)));
        }
    }

    [Fact]
    public void RegisterHistoryCheck_RejectsStaleReadsAndInversions()
    {
        List<RegisterHistory.Write> writes = [new(0, 0, 0), new(1, 10, 20), new(2, 30, 40)];

        Assert.Empty(RegisterHistory.Check(writes, [new(0, 11, 12, 0), new(1, 15, 25, 1), new(2, 35, 45, 0)]));
        Assert.NotEmpty(RegisterHistory.Check(writes, [new(0, 21, 22, 0)]));               // stale: 1 completed at 20
        Assert.NotEmpty(RegisterHistory.Check(writes, [new(2, 5, 8, 0)]));                 // from the future
        Assert.NotEmpty(RegisterHistory.Check(writes, [new(1, 11, 12, 0), new(0, 13, 14, 1)])); // new-old inversion
    }

    private static ulong WindowAddress(int window) => (ulong)window * 2 * Page;

    private static ulong PageOf(int generation, int window) => ((ulong)generation * Windows) + (ulong)window;

    /// <summary>The generation a page of the backing belongs to for <paramref name="window"/>, or −1 if it is not that window's page.</summary>
    private static int Decode(ulong page, int window) =>
        page >= (ulong)window && (page - (ulong)window) % Windows == 0 ? (int)((page - (ulong)window) / Windows) : -1;
}
