using RcuCollections.Linearizability;

namespace RcuCollections.Tests.Checker.Models;

/// <summary>
/// An integer dictionary, partitioned by key (calls on different keys never constrain each other); per key the state
/// is the value, or null when absent.
/// </summary>
public sealed class MapModel : IModel<int?, MapOperation, MapResult>
{
    /// <inheritdoc/>
    public int? Init() => null;

    /// <inheritdoc/>
    public bool Step(int? state, MapOperation input, MapResult output, out int? next)
    {
        switch (input.Command)
        {
            case MapCommand.TryAdd:
                next = state ?? input.Value;
                return output.Success == state is null;
            case MapCommand.TryRemove:
                next = null;
                return state is { } removed ? output.Success && output.Value == removed : !output.Success;
            case MapCommand.TryGetValue:
                next = state;
                return state is { } found ? output.Success && output.Value == found : !output.Success;
            default:
                next = input.Value;
                return true;
        }
    }

    /// <inheritdoc/>
    public IEnumerable<IReadOnlyList<Operation<MapOperation, MapResult>>> Partition(IReadOnlyList<Operation<MapOperation, MapResult>> history)
        => history.GroupBy(o => o.Input.Key).Select(g => (IReadOnlyList<Operation<MapOperation, MapResult>>)g.ToList());

    /// <inheritdoc/>
    public string DescribeOperation(MapOperation input, MapResult output) => input.Command == MapCommand.Set ? input.ToString() : $"{input} -> {output}";

    /// <inheritdoc/>
    public string DescribeState(int? state) => state?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "absent";
}
