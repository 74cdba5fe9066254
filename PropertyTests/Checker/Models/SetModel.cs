using RcuCollections.Linearizability;

namespace RcuCollections.Tests.Checker.Models;

/// <summary>
/// A set of integers 0..63 as a bitmask; every call outputs a bool. With <paramref name="partitionByItem"/>, the
/// history is split per item (P-compositionality: calls on different items never constrain each other).
/// </summary>
/// <param name="partitionByItem">Whether to partition by item.</param>
public sealed class SetModel(bool partitionByItem) : IModel<ulong, SetOperation, bool>
{
    /// <inheritdoc/>
    public ulong Init() => 0;

    /// <inheritdoc/>
    public bool Step(ulong state, SetOperation input, bool output, out ulong next)
    {
        ulong bit = 1UL << input.Item;
        bool present = (state & bit) != 0;
        (next, bool expected) = input.Command switch
        {
            SetCommand.Add => (state | bit, !present),
            SetCommand.Remove => (state & ~bit, present),
            _ => (state, present),
        };
        return output == expected;
    }

    /// <inheritdoc/>
    public IEnumerable<IReadOnlyList<Operation<SetOperation, bool>>> Partition(IReadOnlyList<Operation<SetOperation, bool>> history)
        => partitionByItem
            ? history.GroupBy(o => o.Input.Item).OrderBy(g => g.Key).Select(g => (IReadOnlyList<Operation<SetOperation, bool>>)g.ToList())
            : [history];

    /// <inheritdoc/>
    public string DescribeOperation(SetOperation input, bool output) => $"{input} -> {output}";

    /// <inheritdoc/>
    public string DescribeState(ulong state)
        => "{" + string.Join(", ", Enumerable.Range(0, 64).Where(i => (state & (1UL << i)) != 0)) + "}";
}
