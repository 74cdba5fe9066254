namespace RcuCollections.Tests.Dictionary;

/// <summary>
/// Guarantees F and G under open addressing: a key removed and added again during an enumeration can land in a slot the
/// scan has not reached yet. Each segment scan is validated by the segment's removal count and repeated if it changed;
/// with that check removed, this test sees the key twice.
/// </summary>
public class DictionaryEnumerationTests
{
    /// <summary>A value type used by this test only, so the hook binds to this one instantiation.</summary>
    public readonly record struct ScannedValue(int V);

    [Fact]
    public void AKeyRemovedAndAddedBehindTheScan_IsYieldedOnce()
    {
        // One segment, a roomy table, few keys: the removed key's slot stays a tombstone while the scan's read section
        // holds up its grace period, so adding the key back puts it in an empty slot further along its probe sequence,
        // which a scan in slot order has not reached yet.
        var map = new RcuDictionary<int, ScannedValue>(new RcuDictionaryOptions { SegmentCount = 1, Capacity = 256 });
        for (int k = 0; k < 16; k++) map[k] = new ScannedValue(k);

        int moves = 0;
        RcuDictionaryTestHooks.SetSnapshotCopiedHook(typeof(ScannedValue), (copied, key) =>
        {
            if (copied != 1 || moves > 0) return;
            moves++;
            // Runs on the enumerating thread, inside its read section, right after the scan copied this key.
            int first = (int)key;
            Assert.True(map.TryRemove(first, out _));
            Assert.True(map.TryAdd(first, new ScannedValue(-first)));
        });
        try
        {
            var seen = new List<int>();
            foreach (KeyValuePair<int, ScannedValue> pair in map) seen.Add(pair.Key);

            Assert.Equal(1, moves);
            Assert.Equal(Enumerable.Range(0, 16), seen.Order());
        }
        finally
        {
            RcuDictionaryTestHooks.SetSnapshotCopiedHook(typeof(ScannedValue), (_, _) => { });
        }
    }
}
