using RcuCollections.Linearizability;

namespace RcuCollections.Tests.AddressSpaces.Linearizability;

/// <summary>
/// The sequential specification of two alias windows: a commit replaces one or both pages atomically; a Translate
/// reads one window; a Snapshot (one view, read in one section) reads both and must never mix two commits.
/// </summary>
public sealed class WindowMapModel : IModel<WindowState, WindowOperation, WindowResult>
{
    /// <inheritdoc/>
    public WindowState Init() => new(0, 0);

    /// <inheritdoc/>
    public bool Step(WindowState state, WindowOperation input, WindowResult output, out WindowState next)
    {
        switch (input.Command)
        {
            case WindowCommand.Remap:
                next = input.Window == 0 ? state with { Page0 = input.Page } : state with { Page1 = input.Page };
                return true;
            case WindowCommand.RemapBoth:
                next = new WindowState(input.Page, input.OtherPage);
                return true;
            case WindowCommand.Translate:
                next = state;
                return input.Window == 0 ? output.Page0 == state.Page0 : output.Page1 == state.Page1;
            default:
                next = state;
                return output.Page0 == state.Page0 && output.Page1 == state.Page1;
        }
    }

    /// <inheritdoc/>
    public string DescribeOperation(WindowOperation input, WindowResult output) =>
        input.Command is WindowCommand.Remap or WindowCommand.RemapBoth ? input.ToString() : $"{input} -> {output}";
}
