using FsCheck.Xunit;

namespace RcuCollections.Tests.List;

/// <summary>
/// Sequential model test: random operation sequences (including bad indexes and ranges, throwing predicates, comparers
/// and transforms, the List-style bulk writes and queries, and failed batch
/// edits) give the same results, the same exceptions and the same contents as a <see cref="List{T}"/> model with
/// the Java semantics of the conditional adds written out.
/// </summary>
public sealed class RcuListModelProperties
{
    [Property(MaxTest = 150, Arbitrary = [typeof(ListOp.Arbitraries)])]
    public void PlainList_BehavesLikeTheModel(ListOp[] ops) => Run(ops, new RcuListOptions());

    [Property(MaxTest = 150, Arbitrary = [typeof(ListOp.Arbitraries)])]
    public void PooledList_BehavesLikeTheModel(ListOp[] ops) =>
        Run(ops, new RcuListOptions { PoolArrays = true, MaxPooledArraysPerLength = 2, PooledElementsPerLength = 0, MaxPooledLengths = 2 });

    private static void Run(ListOp[] ops, RcuListOptions options)
    {
        var list = new RcuList<int>(options);
        var model = new List<int>();
        foreach (ListOp op in ops)
        {
            string expected = Apply(op, model, static (m, o) => ApplyToModel(m, o));
            string actual = Apply(op, list, static (l, o) => ApplyToList(l, o));
            Assert.True(expected == actual, $"{op}: model gave {expected}, list gave {actual}");
            Assert.Equal(model, list);
            Assert.Equal(model.Count, list.Count);
        }
    }

    private static string Apply<TList>(ListOp op, TList target, Func<TList, ListOp, object?> apply)
    {
        try
        {
            return $"ok {apply(target, op)}";
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return $"{e.GetType().Name}({(e as ArgumentException)?.ParamName})";
        }
    }

    private static readonly IComparer<int> Descending = Comparer<int>.Create(static (a, b) => b.CompareTo(a));

    private static object? ApplyToList(RcuList<int> list, ListOp op)
    {
        (int kind, int i, int v) = op;
        switch (kind)
        {
            case 0: list.Add(v); return null;
            case 1: list.Insert(i, v); return null;
            case 2: list.RemoveAt(i); return null;
            case 3: return list.Remove(v);
            case 4: list[i] = v; return null;
            case 5: return list[i];
            case 6: return list.Contains(v);
            case 7: return list.IndexOf(v);
            case 8: return list.AddIfAbsent(v);
            case 9: return list.AddAllAbsent([v, v + 1, v, i]);
            case 10: return list.RemoveAll(x => x == i ? throw new FormatException() : x % 3 == v % 3);
            case 11: if (v == 0) list.Clear(); return null;
            case 12: // a batch edit; throws (and must publish nothing) after its changes when the index is out of range
                return list.Update((i, v), static (e, s) =>
                {
                    e.Add(s.v);
                    e.Insert(0, s.v + 1);
                    if (e.Contains(s.i)) e.Remove(s.i);
                    e.RemoveAt(s.i);
                });
            case 13: return string.Join(",", list.Snapshot());
            case 14: list.AddRange([v, i]); return null;
            case 16: list.Sort(i, v % 4, Descending); return null; // bad ranges throw before anything changes
            case 17: list.Sort((a, b) => a == i || b == i ? throw new FormatException() : a.CompareTo(b)); return null;
            case 18: list.ReplaceAll(x => x == i ? throw new FormatException() : (x + v) % 12); return null;
            case 19: list.InsertRange(i, [v, v + 1]); return null;
            case 20: list.RemoveRange(i, v % 4); return null;
            case 21: return list.FindIndex(i, x => x == v);
            case 22: return list.FindLastIndex(i, v % 4, x => x == v);
            case 23: return list.IndexOf(v, i);
            case 24: return list.LastIndexOf(v);
            case 25: return string.Join(",", list.ConvertAll(x => x * 2)) + "|" + string.Join(",", list.ToArray());
            case 26: return $"{list.Find(x => x > v)} {list.FindLast(x => x < v)} {list.Exists(x => x == i)}";
            default:
                using (RcuListReader<int> r = list.Read()) return string.Join(",", r.Span.ToArray());
        }
    }

    private static object? ApplyToModel(List<int> model, ListOp op)
    {
        (int kind, int i, int v) = op;
        switch (kind)
        {
            case 0: model.Add(v); return null;
            case 1: model.Insert(i, v); return null;
            case 2: model.RemoveAt(i); return null;
            case 3: return model.Remove(v);
            case 4: model[i] = v; return null;
            case 5: return model[i];
            case 6: return model.Contains(v);
            case 7: return model.IndexOf(v);
            case 8:
                if (model.Contains(v)) return false;
                model.Add(v);
                return true;
            case 9:
                int added = 0;
                foreach (int x in new[] { v, v + 1, v, i })
                {
                    if (!model.Contains(x)) { model.Add(x); added++; }
                }
                return added;
            case 10:
                if (model.Contains(i)) throw new FormatException(); // the predicate throws on i: nothing removed
                return model.RemoveAll(x => x % 3 == v % 3);
            case 11: if (v == 0) model.Clear(); return null;
            case 12:
                var scratch = new List<int>(model) { v };
                scratch.Insert(0, v + 1);
                if (scratch.Contains(i)) scratch.Remove(i);
                scratch.RemoveAt(i); // throws before anything is committed
                model.Clear();
                model.AddRange(scratch);
                return true;
            case 13: return string.Join(",", model);
            case 14: model.Add(v); model.Add(i); return null;
            case 16: model.Sort(i, v % 4, Descending); return null;
            case 17:
                // List<T>.Sort would leave a half-sorted list; RcuList publishes nothing, so the model stays as it was.
                // The comparer is called only when there are at least two elements.
                if (model.Count > 1 && model.Contains(i)) throw new InvalidOperationException();
                model.Sort((a, b) => a.CompareTo(b));
                return null;
            case 18:
                if (model.Contains(i)) throw new FormatException(); // the transform throws on i: nothing replaced
                List<int> replaced = model.ConvertAll(x => (x + v) % 12);
                model.Clear();
                model.AddRange(replaced);
                return null;
            case 19: model.InsertRange(i, [v, v + 1]); return null;
            case 20: model.RemoveRange(i, v % 4); return null;
            case 21: return model.FindIndex(i, x => x == v);
            case 22: return model.FindLastIndex(i, v % 4, x => x == v);
            case 23: return model.IndexOf(v, i);
            case 24: return model.LastIndexOf(v);
            case 25: return string.Join(",", model.ConvertAll(x => x * 2)) + "|" + string.Join(",", model.ToArray());
            case 26: return $"{model.Find(x => x > v)} {model.FindLast(x => x < v)} {model.Exists(x => x == i)}";
            default: return string.Join(",", model);
        }
    }
}
