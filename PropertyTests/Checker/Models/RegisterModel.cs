using RcuCollections.Linearizability;

namespace RcuCollections.Tests.Checker.Models;

/// <summary>An integer register that starts at 0: a read returns the last value written. The output of a write is ignored.</summary>
public sealed class RegisterModel : IModel<int, RegisterOperation, int>
{
    /// <inheritdoc/>
    public int Init() => 0;

    /// <inheritdoc/>
    public bool Step(int state, RegisterOperation input, int output, out int next)
    {
        next = input.IsWrite ? input.Value : state;
        return input.IsWrite || output == state;
    }

    /// <inheritdoc/>
    public string DescribeOperation(RegisterOperation input, int output) => input.IsWrite ? input.ToString() : $"Read() -> {output}";
}
