using Microsoft.Coyote.Runtime;
using Microsoft.Coyote.Specifications;
using RcuCollections.CoyoteTests.Planted;
using RcuCollections.CoyoteTests.Support;
using Xunit.Abstractions;

namespace RcuCollections.CoyoteTests;

/// <summary>
/// RcuDictionary under Coyote: writes (replace, remove, add: tombstones, compaction and table swaps in a 2-segment map of
/// 4-slot tables) racing optimistic readers (int keys, no section), readers in a section that use the values, and an
/// enumeration. The twin is a slot map that frees and reuses a slot with no grace period.
/// </summary>
public sealed class DictionaryScenarios(ITestOutputHelper output)
{
    /// <summary>Values carry their key: id = key * 1000 + version, so a value read under the wrong key is a torn pair.</summary>
    private static Poisonable Value(int key, int version) => new((key * 1000) + version);

    private static long s_minRebuilds = long.MaxValue;

    private static async Task Scenario(Func<RcuDomain, IScenarioMap> create)
    {
        RcuDomain domain = Domains.Create();
        IScenarioMap map = create(domain);
        map.TryAdd(0, Value(0, 0)); // key 0 is present for the whole run (replaced, never removed)
        map.TryAdd(1, Value(1, 0));

        Task writer = Task.Run(() =>
        {
            for (int round = 1; round <= 3; round++)
            {
                map.Set(0, Value(0, round));
                map.TryRemove(1);
                map.TryAdd(2 + round, Value(2 + round, round));
                map.TryAdd(1, Value(1, round));
                map.TryRemove(2 + round);
            }
        });
        Task sectionReader = Task.Run(() =>
        {
            for (int key = 0; key <= 1; key++)
            {
                using RcuReadGuard guard = domain.ReadLock();
                bool found = map.TryGetValue(key, out Poisonable? value);
                Specification.Assert(key != 0 || found, "key 0 (present throughout) was not found");
                if (!found) continue;
                Specification.Assert(value!.Id / 1000 == key, $"torn pair: key {key} read value {value.Id}");
                SchedulingPoint.Interleave();
                value.Use($"reader in a section, value of key {key}");
            }
        });
        Task optimisticReader = Task.Run(() =>
        {
            for (int key = 1; key >= 0; key--)
            {
                // No section: the value may be reclaimed after the call, but the pair returned must be one that was stored.
                bool found = map.TryGetValue(key, out Poisonable? value);
                Specification.Assert(key != 0 || found, "key 0 (present throughout) was not found by an optimistic read");
                Specification.Assert(!found || value!.Id / 1000 == key, $"torn pair (optimistic): key {key} read value {value?.Id}");
            }
        });
        Task enumerator = Task.Run(() =>
        {
            var seen = new HashSet<int>();
            using RcuReadGuard guard = domain.ReadLock();
            foreach (KeyValuePair<int, Poisonable> pair in map.Enumerate())
            {
                Specification.Assert(seen.Add(pair.Key), $"enumeration yielded key {pair.Key} twice");
                Specification.Assert(pair.Value.Id / 1000 == pair.Key, $"enumeration: torn pair {pair.Key} -> {pair.Value.Id}");
                pair.Value.Use($"enumeration, value of key {pair.Key}");
            }
            Specification.Assert(seen.Contains(0), "enumeration missed key 0, present throughout");
        });
        await Task.WhenAll(new[] { writer, sectionReader, optimisticReader, enumerator });
        domain.Dispose(); // runs every pending callback and stops the callback thread (none may outlive the iteration)
        if (map is RealMap real)
        {
            long rebuilds = real.Rebuilds, seen;
            while (rebuilds < (seen = Volatile.Read(ref s_minRebuilds)) && Interlocked.CompareExchange(ref s_minRebuilds, rebuilds, seen) != seen)
            {
            }
        }
    }

    [Fact]
    public void Writes_racing_optimistic_readers_table_swaps_and_enumeration_are_safe()
    {
        Exploration.Run("dictionary: writes vs optimistic/section readers, swaps, enumeration",
            () => Scenario(domain => new RealMap(domain)), iterations: 40).AssertNoBug(output);
        // Every iteration swapped tables (growth and compaction publish a new table and retire the old one).
        output.WriteLine($"fewest table rebuilds in an iteration: {s_minRebuilds}");
        Assert.InRange(Volatile.Read(ref s_minRebuilds), 2, long.MaxValue);
    }

    [Fact]
    public void Planted_slot_recycled_without_a_grace_period_is_found() =>
        Exploration.Run("planted: slot map frees and reuses a slot at once",
            () => Scenario(_ => new RecyclingSlotMap()), iterations: 40).AssertFindsBug(output);
}
