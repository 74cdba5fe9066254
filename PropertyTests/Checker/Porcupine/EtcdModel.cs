using RcuCollections.Linearizability;

namespace RcuCollections.Tests.Checker.Porcupine;

/// <summary>
/// The register model of Porcupine's etcd histories (see PropertyTests/TestData/Porcupine/README.md): state = the value, or
/// null for none; an unknown outcome accepts any output, and a write or cas with unknown outcome may take effect.
/// </summary>
public sealed class EtcdModel : IModel<int?, EtcdInput, EtcdOutput>
{
    /// <inheritdoc/>
    public int? Init() => null;

    /// <inheritdoc/>
    public bool Step(int? state, EtcdInput input, EtcdOutput output, out int? next)
    {
        switch (input.Command)
        {
            case RegisterCommand.Read:
                next = state;
                return output.Unknown || output.Value == state;
            case RegisterCommand.Write:
                next = input.Value;
                return true;
            default:
                bool matches = state == input.Expected;
                next = matches ? input.Value : state;
                return output.Unknown || output.Succeeded == matches;
        }
    }

    /// <inheritdoc/>
    public string DescribeOperation(EtcdInput input, EtcdOutput output) => $"{input} -> {output}";

    /// <inheritdoc/>
    public string DescribeState(int? state) => state?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";
}
