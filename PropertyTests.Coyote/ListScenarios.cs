using Microsoft.Coyote.Runtime;
using Microsoft.Coyote.Specifications;
using RcuCollections.CoyoteTests.Planted;
using RcuCollections.CoyoteTests.Support;
using Xunit.Abstractions;

namespace RcuCollections.CoyoteTests;

/// <summary>
/// Pooled RcuList under Coyote: writers (Add, RemoveAt) racing two AddIfAbsent calls for the same item and a reader that
/// walks a <see cref="RcuList{T}.Read"/> span while arrays of replaced versions are recycled (and cleared) by the callback
/// thread. The writer lock is System.Threading.Lock in the source; the test copy runs the Monitor-based stand-in, so the
/// writers' contention is explored (TrapTests shows what happens otherwise). Twins: arrays recycled with no grace period;
/// an AddIfAbsent that checks before it locks.
/// </summary>
public sealed class ListScenarios(ITestOutputHelper output)
{
    private static long s_recycled;

    private static async Task Scenario(Func<RcuDomain, IScenarioList> create)
    {
        RcuDomain domain = Domains.Create();
        IScenarioList list = create(domain);
        for (int id = 1; id <= 4; id++) list.Add(new Item(id)); // the writer's three RemoveAt(0) take 1, 2, 3: never item 7
        var target = new Item(7);
        int added = 0;

        Task writer = Task.Run(() =>
        {
            for (int i = 0; i < 3; i++)
            {
                list.Add(new Item(10 + i));
                list.RemoveAt(0);
            }
        });
        Task first = Task.Run(() => { if (list.AddIfAbsent(target)) Interlocked.Increment(ref added); });
        Task second = Task.Run(() => { if (list.AddIfAbsent(new Item(7))) Interlocked.Increment(ref added); });
        Task reader = Task.Run(() =>
        {
            for (int pass = 0; pass < 2; pass++)
            {
                list.Read(items =>
                {
                    // The span must stay exactly as it was for the whole section: never cleared, never rewritten.
                    Item[] before = items.ToArray();
                    SchedulingPoint.Interleave();
                    for (int i = 0; i < items.Length; i++)
                    {
                        Specification.Assert(items[i] is not null, $"element {i} of a span read in a section was cleared (array recycled under the reader)");
                        Specification.Assert(ReferenceEquals(items[i], before[i]), $"element {i} of a span read in a section changed");
                    }
                });
            }
        });
        await Task.WhenAll(new[] { writer, first, second, reader });

        Specification.Assert(Volatile.Read(ref added) == 1, $"{added} racing AddIfAbsent(7) calls reported an add");
        int copies = list.ToArray().Count(item => item == target);
        Specification.Assert(copies == 1, $"the list holds {copies} copies of item 7");
        if (list is RealList real) Interlocked.Add(ref s_recycled, real.Recycled);
        domain.Dispose(); // runs every pending callback and stops the callback thread (none may outlive the iteration)
    }

    [Fact]
    public void Writers_racing_AddIfAbsent_and_pool_recycling_keep_spans_intact_and_add_once()
    {
        Exploration.Run("list: writers vs AddIfAbsent vs pool recycling", () => Scenario(domain => new RealList(domain)),
            iterations: 40).AssertNoBug(output);
        // The callback thread really recycled arrays during the exploration (versions returned to or re-rented from the pool).
        output.WriteLine($"versions recycled over all iterations: {s_recycled}");
        Assert.InRange(Volatile.Read(ref s_recycled), 1, long.MaxValue);
    }

    [Fact]
    public void Planted_array_recycled_without_a_grace_period_is_found() =>
        Exploration.Run("planted: list recycles replaced arrays at once",
            () => Scenario(domain => new RecyclingCowList(domain, recycleAtOnce: true, checkThenAct: false)),
            iterations: 40).AssertFindsBug(output, "span read in a section");

    [Fact]
    public void Planted_check_then_act_AddIfAbsent_is_found() =>
        Exploration.Run("planted: AddIfAbsent checks before it locks",
            () => Scenario(domain => new RecyclingCowList(domain, recycleAtOnce: false, checkThenAct: true)),
            iterations: 40).AssertFindsBug(output, "racing AddIfAbsent");
}
