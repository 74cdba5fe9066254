using System.Text;

namespace RcuCollections.Linearizability.Reporting;

/// <summary>Renders a <see cref="LinearizabilityViolation"/> as plain text.</summary>
internal static class ViolationTextWriter
{
    /// <summary>Renders the violation.</summary>
    /// <param name="violation">The violation.</param>
    /// <returns>Several lines of text.</returns>
    public static string Write(LinearizabilityViolation violation)
    {
        var text = new StringBuilder();
        int total = violation.Operations.Count;
        text.AppendLine($"Partition {violation.PartitionIndex + 1} of {violation.PartitionCount} ({total} operations) has no linearization.");

        int width = Math.Max(
            violation.Operations.Count == 0 ? 0 : violation.Operations.Max(o => Describe(o).Length),
            10);

        text.AppendLine($"Longest linearizable prefix: {violation.LongestPrefix.Count} of {total} operations, from the initial state {violation.InitialState}:");
        for (int i = 0; i < violation.LongestPrefix.Count; i++)
        {
            LinearizedStep step = violation.LongestPrefix[i];
            text.AppendLine($"  {i + 1,4}. {Describe(step.Operation).PadRight(width)}  => {step.StateAfter}");
        }

        if (violation.LongestPrefix.Count == 0)
        {
            text.AppendLine("  (none: no operation can even come first)");
        }

        text.AppendLine("Operations that could come next, and why none can:");
        foreach (UnplaceableOperation candidate in violation.Unplaceable)
        {
            text.AppendLine($"     ! {Describe(candidate.Operation).PadRight(width)}  {candidate.Reason}");
        }

        var prefixPosition = new Dictionary<int, int>();
        for (int i = 0; i < violation.LongestPrefix.Count; i++)
        {
            prefixPosition[violation.LongestPrefix[i].Operation.Index] = i + 1;
        }

        var blocked = violation.Unplaceable.Select(u => u.Operation.Index).ToHashSet();
        text.AppendLine("All operations of the partition by call time (#n = position in the prefix, ! = cannot come next):");
        foreach (OperationDescription operation in violation.Operations.OrderBy(o => o.Call).ThenBy(o => o.Index))
        {
            string mark = prefixPosition.TryGetValue(operation.Index, out int position) ? $"#{position}"
                : blocked.Contains(operation.Index) ? "!" : string.Empty;
            text.AppendLine($"  {mark,6} {Describe(operation)}");
        }

        return text.ToString();
    }

    private static string Describe(OperationDescription operation)
        => $"client {operation.ClientId,-3} {operation.Interval,-16} {operation.Text}";
}
