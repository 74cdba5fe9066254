using RcuCollections.Linearizability.Reporting;

namespace RcuCollections.Linearizability;

/// <summary>
/// Why a history is not linearizable: the partition that has no legal order, the longest linearizable prefix the search
/// found in it, and the operations that could have come next but cannot be placed.
/// </summary>
public sealed class LinearizabilityViolation
{
    internal LinearizabilityViolation(
        int partitionIndex,
        int partitionCount,
        string initialState,
        IReadOnlyList<OperationDescription> operations,
        IReadOnlyList<LinearizedStep> longestPrefix,
        IReadOnlyList<UnplaceableOperation> unplaceable)
    {
        PartitionIndex = partitionIndex;
        PartitionCount = partitionCount;
        InitialState = initialState;
        Operations = operations;
        LongestPrefix = longestPrefix;
        Unplaceable = unplaceable;
    }

    /// <summary>The index of the illegal partition, in the order the model's <c>Partition</c> returned them.</summary>
    public int PartitionIndex { get; }

    /// <summary>How many partitions the history had.</summary>
    public int PartitionCount { get; }

    /// <summary>The model's description of its initial state.</summary>
    public string InitialState { get; }

    /// <summary>Every operation of the illegal partition, in the order the partition lists them.</summary>
    public IReadOnlyList<OperationDescription> Operations { get; }

    /// <summary>The longest sequence of operations that the search could linearize, with the state after each.</summary>
    public IReadOnlyList<LinearizedStep> LongestPrefix { get; }

    /// <summary>
    /// The operations that could come right after <see cref="LongestPrefix"/> (called before the earliest return among
    /// the remaining operations), each with why it cannot.
    /// </summary>
    public IReadOnlyList<UnplaceableOperation> Unplaceable { get; }

    /// <summary>Renders the explanation as plain text (several lines).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => ViolationTextWriter.Write(this);

    /// <summary>Renders the explanation as a self-contained HTML page with a per-client timeline.</summary>
    /// <returns>The HTML document.</returns>
    public string ToHtml() => ViolationHtmlWriter.Write(this);
}
