using System.Collections.Concurrent;

namespace RcuCollections.Tests.Dictionary;

/// <summary>
/// GetAlternateLookup / TryGetAlternateLookup against ConcurrentDictionary's: span lookups of string keys (the lock-free
/// path of the default comparer and the read-section path of an ordinal comparer), writes through the lookup, bad input,
/// throwing comparers, and span lookups agreeing with string lookups while writers churn.
/// </summary>
public sealed class DictionaryAlternateLookupTests
{
    [Fact]
    public void DefaultStringComparer_OffersSpanLookups_LikeConcurrentDictionary()
    {
        var map = new RcuDictionary<string, int>();
        var reference = new ConcurrentDictionary<string, int>();
        Assert.Equal(reference.TryGetAlternateLookup<ReadOnlySpan<char>>(out _), map.TryGetAlternateLookup<ReadOnlySpan<char>>(out var lookup));
        Assert.Same(map, lookup.Dictionary);
        Assert.Same(map, map.GetAlternateLookup<ReadOnlySpan<char>>().Dictionary);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SpanOperations_MatchConcurrentDictionary(bool ignoreCase)
    {
        IEqualityComparer<string>? comparer = ignoreCase ? StringComparer.OrdinalIgnoreCase : null;
        var map = new RcuDictionary<string, int>(comparer);
        var reference = new ConcurrentDictionary<string, int>(comparer);
        var ours = map.GetAlternateLookup<ReadOnlySpan<char>>();
        var theirs = reference.GetAlternateLookup<ReadOnlySpan<char>>();
        var random = new Random(12345);
        for (int step = 0; step < 20_000; step++)
        {
            string text = "key" + random.Next(600);
            if (ignoreCase && random.Next(2) == 0) text = text.ToUpperInvariant();
            // The span is a slice of a longer buffer, so no string with the key's identity exists on the lookup side.
            ReadOnlySpan<char> key = ("<" + text + ">").AsSpan(1, text.Length);
            int value = random.Next();
            switch (random.Next(7))
            {
                case 0:
                    Assert.Equal(theirs.TryAdd(key, value), ours.TryAdd(key, value));
                    break;
                case 1:
                    ours[key] = value;
                    theirs[key] = value;
                    break;
                case 2:
                {
                    bool expected = theirs.TryRemove(key, out string? expectedKey, out int expectedValue);
                    Assert.Equal(expected, ours.TryRemove(key, out string? actualKey, out int actualValue));
                    Assert.Equal(expectedKey, actualKey);
                    Assert.Equal(expectedValue, actualValue);
                    break;
                }
                case 3:
                {
                    bool expected = theirs.TryRemove(key, out int expectedValue);
                    Assert.Equal(expected, ours.TryRemove(key, out int actualValue));
                    Assert.Equal(expectedValue, actualValue);
                    break;
                }
                case 4:
                    Assert.Equal(theirs.ContainsKey(key), ours.ContainsKey(key));
                    break;
                case 5:
                {
                    if (theirs.TryGetValue(key, out int expected)) Assert.Equal(expected, ours[key]);
                    else Assert.Throws<KeyNotFoundException>(() => ours[("<" + text + ">").AsSpan(1, text.Length)]);
                    break;
                }
                default:
                {
                    bool expected = theirs.TryGetValue(key, out string? expectedKey, out int expectedValue);
                    Assert.Equal(expected, ours.TryGetValue(key, out string? actualKey, out int actualValue));
                    Assert.Equal(expectedKey, actualKey);
                    Assert.Equal(expectedValue, actualValue);
                    Assert.Equal(theirs.TryGetValue(key, out int v1), ours.TryGetValue(key, out int v2));
                    Assert.Equal(v1, v2);
                    break;
                }
            }
        }
        Assert.Equal(reference.OrderBy(p => p.Key, StringComparer.Ordinal), map.OrderBy(p => p.Key, StringComparer.Ordinal));
        map.CheckInvariants();
    }

    [Fact]
    public void ActualKey_IsTheStoredInstance()
    {
        var map = new RcuDictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        string stored = new('k', 3);
        map[stored] = 1;
        var lookup = map.GetAlternateLookup<ReadOnlySpan<char>>();
        Assert.True(lookup.TryGetValue("KKK".AsSpan(), out string? actual, out int value));
        Assert.Same(stored, actual);
        Assert.Equal(1, value);
        Assert.False(lookup.TryAdd("Kkk".AsSpan(), 2));
        Assert.Same(stored, map.Single().Key);
        Assert.True(lookup.TryRemove("kKk".AsSpan(), out actual, out value));
        Assert.Same(stored, actual);
        Assert.True(map.IsEmpty);
    }

    [Fact]
    public void IncompatibleComparer_ThrowsInvalidOperation_LikeConcurrentDictionary()
    {
        Assert.Throws<InvalidOperationException>(() => new ConcurrentDictionary<int, int>().GetAlternateLookup<long>());
        Assert.Throws<InvalidOperationException>(() => new RcuDictionary<int, int>().GetAlternateLookup<long>());
        Assert.False(new RcuDictionary<int, int>().TryGetAlternateLookup<long>(out var none));
        Assert.Null(none.Dictionary);
        var plain = new PlainStringComparer();
        Assert.False(new ConcurrentDictionary<string, int>(plain).TryGetAlternateLookup<ReadOnlySpan<char>>(out _));
        Assert.False(new RcuDictionary<string, int>(plain).TryGetAlternateLookup<ReadOnlySpan<char>>(out _));
        Assert.Throws<InvalidOperationException>(() => new RcuDictionary<string, int>(plain).GetAlternateLookup<ReadOnlySpan<char>>());
        // The default string comparer offers spans, not other alternate types.
        Assert.False(new RcuDictionary<string, int>().TryGetAlternateLookup<char[]>(out _));
    }

    [Fact]
    public void NullAlternateKey_ThrowsArgumentNull_LikeConcurrentDictionary()
    {
        var comparer = new ScriptedComparer();
        var reference = new ConcurrentDictionary<string, int>(comparer).GetAlternateLookup<char[]>();
        var lookup = new RcuDictionary<string, int>(comparer).GetAlternateLookup<char[]>();
        Action<Action> same = call =>
        {
            var e = Assert.Throws<ArgumentNullException>(call);
            Assert.Equal("key", e.ParamName);
        };
        same(() => reference.TryGetValue(null!, out _));
        same(() => lookup.TryGetValue(null!, out _));
        same(() => lookup.TryGetValue(null!, out _, out _));
        same(() => lookup.ContainsKey(null!));
        same(() => _ = lookup[null!]);
        same(() => lookup[null!] = 1);
        same(() => lookup.TryAdd(null!, 1));
        same(() => lookup.TryRemove(null!, out _));
        same(() => lookup.TryRemove(null!, out _, out _));
        Assert.True(lookup.Dictionary.IsEmpty);
    }

    [Fact]
    public void CharArrayLookups_ThroughACustomAlternateComparer()
    {
        var map = new RcuDictionary<string, int>(new ScriptedComparer());
        var lookup = map.GetAlternateLookup<char[]>();
        for (int i = 0; i < 500; i++) Assert.True(lookup.TryAdd(("k" + i).ToCharArray(), i));
        for (int i = 0; i < 500; i++)
        {
            Assert.True(map.TryGetValue("k" + i, out int viaString));
            Assert.True(lookup.TryGetValue(("k" + i).ToCharArray(), out string? actual, out int viaArray));
            Assert.Equal("k" + i, actual);
            Assert.Equal(viaString, viaArray);
        }
        Assert.False(lookup.ContainsKey("k500".ToCharArray()));
        map.CheckInvariants();
    }

    [Fact]
    public void ThrowingAlternateComparer_Propagates_AndLeavesTheMapUnchanged()
    {
        var comparer = new ScriptedComparer();
        var map = new RcuDictionary<string, int>(comparer);
        var lookup = map.GetAlternateLookup<char[]>();
        for (int i = 0; i < 100; i++) map["k" + i] = i;

        comparer.ThrowInAlternateHash = true;
        Assert.Throws<InvalidOperationException>(() => lookup.TryGetValue("k1".ToCharArray(), out _));
        Assert.Throws<InvalidOperationException>(() => lookup.TryAdd("new".ToCharArray(), 1));
        Assert.Throws<InvalidOperationException>(() => lookup.TryRemove("k1".ToCharArray(), out _));
        comparer.ThrowInAlternateHash = false;

        comparer.ThrowInAlternateEquals = true;
        Assert.Throws<InvalidOperationException>(() => lookup.ContainsKey("k2".ToCharArray()));
        Assert.Throws<InvalidOperationException>(() => lookup.TryRemove("k2".ToCharArray(), out _));
        comparer.ThrowInAlternateEquals = false;

        comparer.ThrowInCreate = true;
        Assert.Throws<InvalidOperationException>(() => lookup.TryAdd("new".ToCharArray(), 1));
        Assert.Throws<InvalidOperationException>(() => lookup["new".ToCharArray()] = 1);
        Assert.False(lookup.TryAdd("k3".ToCharArray(), 1)); // present: no key is created
        comparer.ThrowInCreate = false;

        Assert.Equal(100, map.Count);
        for (int i = 0; i < 100; i++) Assert.Equal(i, map["k" + i]);
        Assert.False(map.ContainsKey("new"));
        map.CheckInvariants();
    }

    [Fact]
    public void WritesThroughTheLookup_OnADisposedDomain_ThrowObjectDisposed()
    {
        var domain = new RcuDomain();
        var map = new RcuDictionary<string, int>(new RcuDictionaryOptions { Domain = domain });
        map["a"] = 1;
        domain.Dispose();
        var lookup = map.GetAlternateLookup<ReadOnlySpan<char>>();
        Assert.Throws<ObjectDisposedException>(() => lookup["b"] = 2);
        Assert.Throws<ObjectDisposedException>(() => lookup.TryAdd("b", 2));
        Assert.Throws<ObjectDisposedException>(() => lookup.TryRemove("a", out _));
        Assert.False(lookup.TryAdd("a", 5)); // present: answered by a read, which a disposed domain still serves
        Assert.Equal(1, lookup["a"]);
        int count = map.Count; // enumerating takes read sections, which a disposed domain refuses to new threads
        Assert.Equal(1, count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SpanLookups_AgreeWithStringLookups_UnderConcurrentWrites(bool ignoreCase)
    {
        // Stable keys are never removed; their values are replaced with (key id, version). Churn keys come and go, which
        // tombstones, reuses slots (reuse windows) and rebuilds tables under the readers.
        IEqualityComparer<string>? comparer = ignoreCase ? StringComparer.OrdinalIgnoreCase : null;
        var map = new RcuDictionary<string, long>(new RcuDictionaryOptions { SegmentCount = 4 }, comparer);
        const int Stable = 256, Churn = 2048;
        string[] stable = Enumerable.Range(0, Stable).Select(i => "stable" + i).ToArray();
        string[] churn = Enumerable.Range(0, Churn).Select(i => "churn" + i).ToArray();
        for (int i = 0; i < Stable; i++) map[stable[i]] = (long)i << 32;
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(1500));
        var failures = new ConcurrentQueue<string>();
        Task writer = Task.Run(() =>
        {
            var random = new Random(1);
            var lookup = map.GetAlternateLookup<ReadOnlySpan<char>>();
            long version = 0;
            while (!stop.IsCancellationRequested)
            {
                int i = random.Next(Churn);
                switch (random.Next(4))
                {
                    case 0: map[churn[i]] = ((long)(Stable + i) << 32) | (uint)++version; break;
                    case 1: map.TryRemove(churn[i], out _); break;
                    case 2: lookup.TryRemove(churn[i].AsSpan(), out _, out _); break;
                    default:
                        int s = random.Next(Stable);
                        map[stable[s]] = ((long)s << 32) | (uint)++version;
                        break;
                }
            }
        });
        Task reader = Task.Run(() =>
        {
            var random = new Random(2);
            var lookup = map.GetAlternateLookup<ReadOnlySpan<char>>();
            char[] buffer = new char[32], upper = new char[32];
            while (!stop.IsCancellationRequested)
            {
                int id = random.Next(Stable + Churn);
                string key = id < Stable ? stable[id] : churn[id - Stable];
                // A copy in a reused buffer, upper-cased for the case-insensitive map: no string identity to lean on.
                key.AsSpan().CopyTo(buffer);
                Span<char> span = buffer.AsSpan(0, key.Length);
                if (ignoreCase)
                {
                    span.ToUpperInvariant(upper);
                    span = upper.AsSpan(0, key.Length);
                }
                bool found = lookup.TryGetValue(span, out string? actual, out long value);
                if (id < Stable && !found) failures.Enqueue($"stable key {key} not found by span");
                if (found && (!string.Equals(actual, key, StringComparison.Ordinal) || (int)(value >> 32) != id))
                    failures.Enqueue($"span lookup of {key} returned {actual} → {value >> 32}");
            }
        });
        await Task.WhenAll(writer, reader);
        Assert.Empty(failures);
        var quiet = map.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (string key in stable.Concat(churn))
        {
            bool viaString = map.TryGetValue(key, out long expected);
            Assert.Equal(viaString, quiet.TryGetValue(key.AsSpan(), out long actual));
            Assert.Equal(expected, actual);
        }
        map.CheckInvariants();
    }

    [Fact]
    public void AlternateLookups_FindKeysInAScrambledSegment()
    {
        // Keys aimed at one slot by someone who knows the multiplier move their segment to scrambled placement; alternate
        // lookups must take the home slot from the scrambled hash too.
        var comparer = new NumericComparer();
        var map = new RcuDictionary<string, int>(comparer);
        int q = DictionaryHostileKeyTests.LargestConvergentDenominator(map.HashMultiplier, 1 << 20);
        var lookup = map.GetAlternateLookup<char[]>();
        for (int j = 1; j <= 1500; j++) Assert.True(lookup.TryAdd((j * q).ToString(System.Globalization.CultureInfo.InvariantCulture).ToCharArray(), j));
        Assert.True(map.GetDiagnostics().ScrambledSegments >= 1, "no segment switched placement");
        for (int j = 1; j <= 1500; j++)
        {
            string key = (j * q).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(lookup.TryGetValue(key.ToCharArray(), out string? actual, out int value));
            Assert.Equal(key, actual);
            Assert.Equal(j, value);
            Assert.False(lookup.ContainsKey((j * q + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).ToCharArray()));
        }
        for (int j = 1; j <= 1500; j += 2) Assert.True(lookup.TryRemove((j * q).ToString(System.Globalization.CultureInfo.InvariantCulture).ToCharArray(), out _));
        Assert.Equal(750, map.Count);
        map.CheckInvariants();
    }

    /// <summary>Decimal strings hashed to the number they spell, so hash codes can be aimed; alternate keys are char arrays.</summary>
    private sealed class NumericComparer : IEqualityComparer<string>, IAlternateEqualityComparer<char[], string>
    {
        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);
        public int GetHashCode(string obj) => int.Parse(obj, System.Globalization.CultureInfo.InvariantCulture);
        public bool Equals(char[] alternate, string other) => alternate.AsSpan().SequenceEqual(other);
        public int GetHashCode(char[] alternate) => int.Parse(alternate, System.Globalization.CultureInfo.InvariantCulture);
        public string Create(char[] alternate) => new(alternate);
    }

    /// <summary>A string comparer with no alternate key type.</summary>
    private sealed class PlainStringComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);
        public int GetHashCode(string obj) => string.GetHashCode(obj.AsSpan());
    }

    /// <summary>An ordinal string comparer whose alternate keys are char arrays, told to throw where user code is called.</summary>
    private sealed class ScriptedComparer : IEqualityComparer<string>, IAlternateEqualityComparer<char[], string>
    {
        public volatile bool ThrowInAlternateHash, ThrowInAlternateEquals, ThrowInCreate;

        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);
        public int GetHashCode(string obj) => string.GetHashCode(obj.AsSpan());

        public bool Equals(char[] alternate, string other) =>
            ThrowInAlternateEquals ? throw new InvalidOperationException("equals") : alternate.AsSpan().SequenceEqual(other);
        public int GetHashCode(char[] alternate) =>
            ThrowInAlternateHash ? throw new InvalidOperationException("hash") : string.GetHashCode(alternate.AsSpan());
        public string Create(char[] alternate) => ThrowInCreate ? throw new InvalidOperationException("create") : new string(alternate);
    }
}

/// <summary>
/// The optimistic path of span lookups (string keys, default comparer) has the hazard of TryGetValue's: a reader paused
/// on a matched slot while the slot is removed, recycled (key cleared) and refilled must fall back, never return what it
/// finds there afterwards.
/// </summary>
public class DictionaryAlternateOptimisticReadTests
{
    /// <summary>A value type used by this test only, so the hook binds to this one instantiation.</summary>
    public readonly record struct SpanHookedValue(string Key);

    [Fact]
    public void AnOptimisticSpanReaderWhoseSlotIsRecycled_FallsBack_InsteadOfReturningTheNewContents()
    {
        using var domain = new RcuDomain(new RcuOptions { PollInterval = TimeSpan.FromMilliseconds(1) });
        using var paused = new ManualResetEventSlim();
        using var resume = new ManualResetEventSlim();
        int readerThread = 0;
        RcuDictionaryTestHooks.SetOptimisticMatchHook(typeof(SpanHookedValue), () =>
        {
            if (Environment.CurrentManagedThreadId != Volatile.Read(ref readerThread)) return;
            paused.Set();
            resume.Wait();
        });
        var map = new RcuDictionary<string, SpanHookedValue>(new RcuDictionaryOptions { Domain = domain, SegmentCount = 2, Capacity = 4096 });
        for (int k = 1000; k < 2000; k++) map["k" + k] = new SpanHookedValue("k" + k); // bulk that keeps the segments from shrinking
        map["target"] = new SpanHookedValue("target");

        bool found = false;
        string? actual = null;
        SpanHookedValue seen = default;
        var reader = new Thread(() =>
        {
            Volatile.Write(ref readerThread, Environment.CurrentManagedThreadId);
            found = map.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue("<target>".AsSpan(1, 6), out actual, out seen);
        });
        reader.Start();
        Assert.True(paused.Wait(TimeSpan.FromSeconds(10)), "the reader never matched the span optimistically");
        Volatile.Write(ref readerThread, -1);

        Assert.True(map.TryRemove("target", out _));
        for (int round = 0; round < 4; round++)
        {
            for (int k = 100; k < 164; k++) map["k" + k] = new SpanHookedValue("k" + k);
            for (int k = 100; k < 164; k++) Assert.True(map.TryRemove("k" + k, out _));
            domain.Synchronize();
        }
        resume.Set();
        reader.Join();

        Assert.True(!found || (seen.Key == "target" && actual == "target"), $"returned {actual} → {seen} for 'target' from a recycled slot");
        map.CheckInvariants();
    }
}
