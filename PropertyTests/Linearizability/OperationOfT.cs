namespace RcuCollections.Linearizability;

/// <summary>
/// One call of a history: who called, with what, when the call started, what it returned and when it returned.
/// Both timestamps come from one clock that orders events across threads (see <see cref="HistoryRecorder{TInput, TOutput}"/>).
/// </summary>
/// <typeparam name="TInput">What the client asked for.</typeparam>
/// <typeparam name="TOutput">What the client observed.</typeparam>
/// <param name="ClientId">The client (thread, process) that made the call; only used in reports.</param>
/// <param name="Input">What the client asked for.</param>
/// <param name="Call">When the call started. Must not be greater than <paramref name="Return"/>.</param>
/// <param name="Output">What the client observed (an "unknown" marker for a call that never returned).</param>
/// <param name="Return">
/// When the call returned, or <see cref="Operation.PendingReturn"/> for a call that never returned: its effect may or
/// may not have happened and the model must accept any state for it.
/// </param>
/// <remarks>
/// Two events with equal timestamps are treated as concurrent (a call at time t overlaps a return at time t), which
/// only ever allows more orders; a recorder with a global ticket never produces equal timestamps.
/// </remarks>
public readonly record struct Operation<TInput, TOutput>(int ClientId, TInput Input, long Call, TOutput Output, long Return);
