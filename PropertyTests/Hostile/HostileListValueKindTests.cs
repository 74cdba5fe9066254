using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.Hostile;

/// <summary>
/// <see cref="RcuList{T}"/> with every kind of value, plain and pooled: every write entry point agrees with
/// <see cref="List{T}"/> on the same script, the same value stored twice behaves as in <see cref="List{T}"/> (the
/// list disposes nothing: it never owned its elements), and under a concurrent writer every snapshot, reader span and
/// enumeration sees one whole version (all elements of one version, none torn). One generic body per kind.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <typeparam name="TKind">Its kind.</typeparam>
public abstract class HostileListValueKindTests<T, TKind>
    where TKind : IValueKind<T>
{
    private readonly DisposalLedger _ledger = new();

    private T Make(int key, int version) => TKind.Make(key, version, _ledger);

    private static RcuList<T> NewList(RcuDomain domain, bool pooled) =>
        new(new RcuListOptions { Domain = domain, PoolArrays = pooled });

    private static void AssertSame(List<T> model, RcuList<T> list)
    {
        Hammer.CountIs(model.Count, list.Count);
        Assert.Equal(model, list.Snapshot());
        Assert.Equal(model, (IEnumerable<T>)list);
        var copy = new T[model.Count + 1];
        list.CopyTo(copy, 1);
        Assert.Equal(model, copy.Skip(1));
        using RcuListReader<T> reader = list.Read();
        Assert.True(reader.Span.SequenceEqual(model.ToArray()));
        for (int i = 0; i < model.Count; i++) Assert.Equal(model[i], list[i]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EveryWriteEntryPoint_AgreesWithList(bool pooled)
    {
        using var domain = new RcuDomain();
        RcuList<T> list = NewList(domain, pooled);
        var model = new List<T>();
        var random = new Random(7);
        int version = 0;
        for (int step = 0; step < 400; step++)
        {
            T v = Make(random.Next(16), ++version);
            T existing = model.Count > 0 ? model[random.Next(model.Count)] : v;
            switch (random.Next(12))
            {
                case 0: list.Add(v); model.Add(v); break;
                case 1: list.AddRange([v, existing]); model.AddRange([v, existing]); break;
                case 2:
                    {
                        int at = random.Next(model.Count + 1);
                        list.Insert(at, v);
                        model.Insert(at, v);
                        break;
                    }
                case 3: Assert.Equal(model.Remove(existing), list.Remove(existing)); break;
                case 4:
                    if (model.Count > 0)
                    {
                        int at = random.Next(model.Count);
                        list.RemoveAt(at);
                        model.RemoveAt(at);
                    }
                    break;
                case 5:
                    if (model.Count > 0)
                    {
                        int at = random.Next(model.Count);
                        list[at] = v;
                        model[at] = v;
                    }
                    break;
                case 6:
                    {
                        bool absent = !model.Contains(existing);
                        Assert.Equal(absent, list.AddIfAbsent(existing));
                        if (absent) model.Add(existing);
                        break;
                    }
                case 7:
                    {
                        T[] items = [v, existing, v];
                        var added = items.Distinct().Where(x => !model.Contains(x)).ToList();
                        Assert.Equal(added.Count, list.AddAllAbsent(items));
                        model.AddRange(added);
                        break;
                    }
                case 8:
                    {
                        int key = random.Next(16);
                        Assert.Equal(model.RemoveAll(x => TKind.Matches(x, key)), list.RemoveAll(x => TKind.Matches(x, key)));
                        break;
                    }
                case 9:
                    {
                        bool changed = list.Update((v, existing), static (edit, s) =>
                        {
                            edit.Add(s.v);
                            edit.Remove(s.existing);
                            if (edit.Count > 0) edit[0] = s.v;
                        });
                        model.Add(v);
                        model.Remove(existing);
                        if (model.Count > 0) model[0] = v;
                        Assert.True(changed);
                        break;
                    }
                case 10:
                    Assert.Equal(model.IndexOf(existing), list.IndexOf(existing));
                    Assert.Equal(model.Contains(v), list.Contains(v));
                    break;
                default:
                    if (random.Next(8) == 0)
                    {
                        list.Clear();
                        model.Clear();
                    }
                    break;
            }
            AssertSame(model, list);
        }
        Hammer.Bounded(domain.Barrier);
        Assert.Equal(0, _ledger.Total); // a list never disposes its elements
    }

    /// <summary>The same value twice: positional semantics as List&lt;T&gt; (first occurrence), nothing disposed.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SameValueTwice_BehavesAsList(bool pooled)
    {
        using var domain = new RcuDomain();
        RcuList<T> list = NewList(domain, pooled);
        T a = Make(1, 1), b = Make(2, 1);
        list.AddRange([a, b, a]);
        Assert.Equal(0, list.IndexOf(a));
        Assert.False(list.AddIfAbsent(a));
        Assert.Equal(0, list.AddAllAbsent([a, a, b]));
        Assert.True(list.Remove(a));
        Assert.Equal([b, a], list.Snapshot().ToArray());
        Assert.True(list.Remove(a));
        Assert.False(list.Remove(a));
        Assert.Equal([b], list.Snapshot().ToArray());
        Assert.Equal(1, list.AddAllAbsent([a, a]));
        Assert.Equal(2, list.RemoveAll(_ => true));
        Hammer.Bounded(domain.Barrier);
        Assert.Equal(0, _ledger.Total);
    }

    /// <summary>
    /// A writer publishes whole versions (every element of version v is Make(i, v)) through several write paths; readers
    /// must see, in every snapshot, reader span, enumeration and indexed read under Read(), one version only, untorn.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ConcurrentWholeVersionWrites_EveryReadSeesOneUntornVersion(bool pooled)
    {
        using var domain = new RcuDomain(new RcuOptions { PollInterval = TimeSpan.FromMilliseconds(1) });
        RcuList<T> list = NewList(domain, pooled);
        const int Length = 24;
        list.AddRange(Enumerable.Range(0, Length).Select(i => Make(i, 0)).ToArray());
        void CheckOneVersion(ReadOnlySpan<T> span)
        {
            Assert.Equal(Length, span.Length);
            int version = TKind.VersionOf(span[0]);
            for (int i = 0; i < span.Length; i++)
            {
                Assert.True(TKind.Matches(span[i], i), $"element {i}: torn or misplaced {span[i]}");
                Assert.True(TKind.VersionOf(span[i]) == version, $"element {i}: version {TKind.VersionOf(span[i])} mixed into version {version}");
            }
        }
        long reads = 0;
        Hammer.Run(
            StressTier.Duration(0.25, 3),
            i =>
            {
                int v = i + 1;
                switch (i % 3)
                {
                    case 0:
                        list.Update((v, this), static (edit, s) =>
                        {
                            for (int k = 0; k < edit.Count; k++) edit[k] = s.Item2.Make(k, s.v);
                        });
                        break;
                    case 1:
                        list.Update((v, this), static (edit, s) =>
                        {
                            edit.Clear();
                            for (int k = 0; k < Length; k++) edit.Add(s.Item2.Make(k, s.v));
                        });
                        break;
                    default:
                        {
                            T[] next = new T[Length];
                            for (int k = 0; k < Length; k++) next[k] = Make(k, v);
                            list.Update(next, static (edit, items) => items.AsSpan().CopyTo(edit.AsSpan()));
                            break;
                        }
                }
            },
            _ =>
            {
                CheckOneVersion(list.Snapshot().AsSpan());
                using (RcuListReader<T> reader = list.Read()) CheckOneVersion(reader.Span);
                var viaEnumerator = new List<T>(Length);
                foreach (T x in list) viaEnumerator.Add(x);
                CheckOneVersion(viaEnumerator.ToArray());
                Interlocked.Increment(ref reads);
            });
        Assert.True(reads > 0);
        CheckOneVersion(list.Snapshot().AsSpan());
    }
}

/// <summary>int elements.</summary>
public sealed class HostileListIntValueTests : HostileListValueKindTests<int, IntKind>;

/// <summary>string elements.</summary>
public sealed class HostileListStringValueTests : HostileListValueKindTests<string, StringKind>;

/// <summary>Guid elements.</summary>
public sealed class HostileListGuidValueTests : HostileListValueKindTests<Guid, GuidKind>;

/// <summary>decimal elements.</summary>
public sealed class HostileListDecimalValueTests : HostileListValueKindTests<decimal, DecimalKind>;

/// <summary>24-byte struct elements.</summary>
public sealed class HostileListWide24ValueTests : HostileListValueKindTests<Wide24, Wide24Kind>;

/// <summary>IDisposable struct elements.</summary>
public sealed class HostileListDisposableStructValueTests : HostileListValueKindTests<DisposableStruct, DisposableStructKind>;

/// <summary>IDisposable class elements.</summary>
public sealed class HostileListDisposableClassValueTests : HostileListValueKindTests<DisposableClass, DisposableClassKind>;
