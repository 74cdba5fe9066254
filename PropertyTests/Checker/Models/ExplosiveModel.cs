using RcuCollections.Linearizability;

namespace RcuCollections.Tests.Checker.Models;

/// <summary>
/// A model built to make the search exponential: n mutually concurrent adds reach 2^n distinct (set, state)
/// configurations, and an impossible operation concurrent with all of them forces the search to visit every one of them
/// before it can answer Illegal. For timeout and cancellation tests. Partitioned by <see cref="ExplosiveOperation.Partition"/>.
/// </summary>
public sealed class ExplosiveModel : IModel<ulong, ExplosiveOperation, bool>
{
    /// <summary>n concurrent adds plus one impossible operation, all overlapping, in one partition.</summary>
    /// <param name="partition">The partition.</param>
    /// <param name="adds">n (at most 64).</param>
    /// <returns>The history.</returns>
    public static List<Operation<ExplosiveOperation, bool>> Hard(int partition, int adds)
    {
        // The impossible operation returns first, so every subset of adds must be tried before it can be given up.
        var history = new List<Operation<ExplosiveOperation, bool>> { new(0, new ExplosiveOperation(partition, -1), 0, false, 1000) };
        for (int i = 0; i < adds; i++)
        {
            history.Add(new(i + 1, new ExplosiveOperation(partition, i), i + 1, true, 1001 + i));
        }

        return history;
    }

    /// <inheritdoc/>
    public ulong Init() => 0;

    /// <inheritdoc/>
    public bool Step(ulong state, ExplosiveOperation input, bool output, out ulong next)
    {
        next = input.Item < 0 ? state : state | (1UL << input.Item);
        return input.Item >= 0;
    }

    /// <inheritdoc/>
    public IEnumerable<IReadOnlyList<Operation<ExplosiveOperation, bool>>> Partition(IReadOnlyList<Operation<ExplosiveOperation, bool>> history)
        => history.GroupBy(o => o.Input.Partition).OrderBy(g => g.Key).Select(g => (IReadOnlyList<Operation<ExplosiveOperation, bool>>)g.ToList());
}
