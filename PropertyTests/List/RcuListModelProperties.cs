using FsCheck.Xunit;

namespace RcuCollections.Tests.List;

/// <summary>
/// Sequential model test: random operation sequences (including bad indexes, throwing predicates and failed batch
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
        catch (Exception e) when (e is ArgumentOutOfRangeException or FormatException)
        {
            return e.GetType().Name;
        }
    }

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
            default: return string.Join(",", model);
        }
    }
}
