using RcuCollections.Linearizability;

namespace RcuCollections.Tests.List.Linearizability;

/// <summary>The sequential specification of an integer list (Java CopyOnWriteArrayList semantics for AddIfAbsent).</summary>
public sealed class ListModel : IModel<ListState, ListOperation, ListResult>
{
    /// <inheritdoc/>
    public ListState Init() => ListState.Empty;

    /// <inheritdoc/>
    public bool Step(ListState state, ListOperation input, ListResult output, out ListState next)
    {
        var items = state.Items;
        next = state;
        switch (input.Command)
        {
            case ListCommand.Add:
                next = ListState.Of(items.Add(input.Value));
                return output.Success;
            case ListCommand.Insert:
                if ((uint)input.Index > (uint)items.Length) return !output.Success;
                next = ListState.Of(items.Insert(input.Index, input.Value));
                return output.Success;
            case ListCommand.Remove:
                int at = items.IndexOf(input.Value);
                if (at < 0) return !output.Success;
                next = ListState.Of(items.RemoveAt(at));
                return output.Success;
            case ListCommand.AddIfAbsent:
                if (items.Contains(input.Value)) return !output.Success;
                next = ListState.Of(items.Add(input.Value));
                return output.Success;
            case ListCommand.Get:
                return (uint)input.Index < (uint)items.Length
                    ? output.Success && output.Value == items[input.Index]
                    : !output.Success;
            case ListCommand.Set:
                if ((uint)input.Index >= (uint)items.Length) return !output.Success;
                next = ListState.Of(items.SetItem(input.Index, input.Value));
                return output.Success;
            case ListCommand.Contains:
                return output.Success == items.Contains(input.Value);
            case ListCommand.Count:
                return output.Value == items.Length;
            default:
                return output.Contents == state.Text;
        }
    }

    /// <inheritdoc/>
    public string DescribeOperation(ListOperation input, ListResult output) => $"{input} -> {output}";
}
