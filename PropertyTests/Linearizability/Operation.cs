namespace RcuCollections.Linearizability;

/// <summary>Constants and helpers for <see cref="Operation{TInput, TOutput}"/>.</summary>
public static class Operation
{
    /// <summary>
    /// The return time of a call that never returned (Jepsen's <c>:info</c>, a crashed client): the call stays open until
    /// the end of the history, so it may be linearized at any point after its call, or never take effect at all.
    /// </summary>
    public const long PendingReturn = long.MaxValue;

    /// <summary>Creates a call that never returned: its return time is <see cref="PendingReturn"/>.</summary>
    /// <typeparam name="TInput">What the client asked for.</typeparam>
    /// <typeparam name="TOutput">What the client observed.</typeparam>
    /// <param name="clientId">The client that made the call.</param>
    /// <param name="input">What the client asked for.</param>
    /// <param name="call">When the call started.</param>
    /// <param name="unknownOutput">An output that the model accepts in every state.</param>
    /// <returns>The pending operation.</returns>
    public static Operation<TInput, TOutput> Pending<TInput, TOutput>(int clientId, TInput input, long call, TOutput unknownOutput)
        => new(clientId, input, call, unknownOutput, PendingReturn);

    /// <summary>Whether <paramref name="operation"/> never returned.</summary>
    /// <typeparam name="TInput">What the client asked for.</typeparam>
    /// <typeparam name="TOutput">What the client observed.</typeparam>
    /// <param name="operation">The operation to test.</param>
    /// <returns><see langword="true"/> when its return time is <see cref="PendingReturn"/>.</returns>
    public static bool IsPending<TInput, TOutput>(in Operation<TInput, TOutput> operation)
        => operation.Return == PendingReturn;
}
