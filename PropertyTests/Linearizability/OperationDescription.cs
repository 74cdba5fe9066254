namespace RcuCollections.Linearizability;

/// <summary>One operation of a partition, as shown in a failure report.</summary>
/// <param name="Index">The operation's position in its partition (as the model's <c>Partition</c> returned it).</param>
/// <param name="ClientId">The client that made the call.</param>
/// <param name="Call">The call time.</param>
/// <param name="Return">The return time, or <see cref="Operation.PendingReturn"/>.</param>
/// <param name="Text">The model's description of the operation and its output.</param>
public sealed record OperationDescription(int Index, int ClientId, long Call, long Return, string Text)
{
    /// <summary>Whether the call never returned.</summary>
    public bool IsPending => Return == Operation.PendingReturn;

    /// <summary>The interval as <c>[call, return]</c>, with <c>open</c> for a call that never returned.</summary>
    public string Interval => $"[{Call}, {(IsPending ? "open" : Return.ToString(System.Globalization.CultureInfo.InvariantCulture))}]";

    /// <inheritdoc/>
    public override string ToString() => $"client {ClientId} {Interval} {Text}";
}
