using RcuCollections.Linearizability;

namespace RcuCollections.Tests.Reference;

/// <summary>What a call on an <see cref="RcuReference{T}"/> of <see cref="Box"/> does in the linearizability property.</summary>
public enum ReferenceCommand
{
    /// <summary><c>Value</c>: returns the published box's id.</summary>
    Read,

    /// <summary><c>Exchange(box(Value * 1000))</c>: returns the replaced box's id.</summary>
    Exchange,

    /// <summary><c>CompareExchange(box(Value * 1000), box(Comparand))</c>: returns the id that was published.</summary>
    CompareExchange,

    /// <summary><c>Update(old => box(Value * 1000 + old.Id % 1000))</c>: returns the published id.</summary>
    Update,

    /// <summary><c>Replace(box(Value * 1000))</c>: returns nothing (0).</summary>
    Replace,
}

/// <summary>One call: the command, the operation's unique value, and a comparand id for CompareExchange.</summary>
/// <param name="Command">The call.</param>
/// <param name="Value">Unique per operation (from its position): new boxes get id <c>Value * 1000</c> (+ a digit for Update).</param>
/// <param name="Comparand">CompareExchange's expected id: 0 (the initial box) or some operation's <c>Value * 1000</c>.</param>
public readonly record struct ReferenceOperation(ReferenceCommand Command, int Value, int Comparand)
{
    /// <inheritdoc/>
    public override string ToString() => Command switch
    {
        ReferenceCommand.Read => "Value",
        ReferenceCommand.CompareExchange => $"CompareExchange({Value * 1000}, {Comparand})",
        ReferenceCommand.Update => $"Update(+{Value})",
        _ => $"{Command}({Value * 1000})",
    };
}

/// <summary>
/// The sequential specification: the state is the published box's id. Every output is checked: reads and swaps
/// return the current id, a compare-exchange swaps exactly when the current id is the comparand, an update publishes
/// what its transform computes from the current id.
/// </summary>
public sealed class ReferenceModel : IModel<int, ReferenceOperation, int>
{
    /// <inheritdoc/>
    public int Init() => 0;

    /// <inheritdoc/>
    public bool Step(int state, ReferenceOperation input, int output, out int next)
    {
        switch (input.Command)
        {
            case ReferenceCommand.Read:
                next = state;
                return output == state;
            case ReferenceCommand.Exchange:
                next = input.Value * 1000;
                return output == state;
            case ReferenceCommand.CompareExchange:
                next = state == input.Comparand ? input.Value * 1000 : state;
                return output == state;
            case ReferenceCommand.Update:
                next = UpdatedId(input.Value, state);
                return output == next;
            default:
                next = input.Value * 1000;
                return true;
        }
    }

    /// <summary>The id an update publishes: its own value, plus the low digits of the id it replaced.</summary>
    public static int UpdatedId(int value, int current) => (value * 1000) + (current % 1000);

    /// <inheritdoc/>
    public string DescribeOperation(ReferenceOperation input, int output) => $"{input} -> {output}";
}
