using System.Diagnostics.CodeAnalysis;

namespace RcuCollections.Linearizability;

/// <summary>
/// A sequential specification of an object: the states it can be in and the legal transitions between them.
/// The linearizability checker asks whether a concurrent history can be explained by some sequential order
/// of its operations that respects real time and that this model accepts step by step.
/// </summary>
/// <typeparam name="TState">
/// The model's state. States are compared with <see cref="EqualityComparer{T}.Default"/> (and hashed with it), so use
/// immutable values with structural equality: records, strings, numbers or immutable collections with a comparer-aware
/// wrapper. The checker memoises (linearized operations, state) pairs; two states that are equal must behave alike.
/// </typeparam>
/// <typeparam name="TInput">What a client asked for (the operation and its arguments).</typeparam>
/// <typeparam name="TOutput">
/// What the client observed. For a call whose result is unknown (it never returned, timed out, or crashed), give the
/// operation a return time of <see cref="Operation.PendingReturn"/> and an output that the model accepts in every state
/// (for example a flag <c>Unknown = true</c> in <typeparamref name="TOutput"/>); such a call may then be linearized
/// anywhere after its call, including after everything else, which stands for "it never took effect".
/// </typeparam>
public interface IModel<TState, TInput, TOutput>
{
    /// <summary>Returns the state of a freshly created object.</summary>
    TState Init();

    /// <summary>
    /// Applies one operation to <paramref name="state"/>. Must not mutate <paramref name="state"/>: the checker
    /// backtracks and reuses old states.
    /// </summary>
    /// <param name="state">The state before the operation.</param>
    /// <param name="input">What the client asked for.</param>
    /// <param name="output">What the client observed.</param>
    /// <param name="next">The state after the operation, when it is legal.</param>
    /// <returns><see langword="true"/> when a sequential object in <paramref name="state"/> could have answered
    /// <paramref name="output"/> to <paramref name="input"/>.</returns>
    bool Step(TState state, TInput input, TOutput output, [MaybeNullWhen(false)] out TState next);

    /// <summary>
    /// Splits a history into independent sub-histories that can be checked separately (P-compositionality, Horn and
    /// Kroening 2015): for a map, one partition per key. A history is linearizable exactly when every partition is,
    /// provided the operations of different partitions never constrain each other. The default keeps the whole
    /// history as one partition.
    /// </summary>
    /// <param name="history">The complete history.</param>
    /// <returns>The partitions; every operation must appear in exactly one of them.</returns>
    IEnumerable<IReadOnlyList<Operation<TInput, TOutput>>> Partition(IReadOnlyList<Operation<TInput, TOutput>> history)
        => [history];

    /// <summary>Describes an operation for failure reports. The default prints <c>input -&gt; output</c>.</summary>
    /// <param name="input">What the client asked for.</param>
    /// <param name="output">What the client observed.</param>
    /// <returns>A short, one-line text.</returns>
    string DescribeOperation(TInput input, TOutput output) => $"{input} -> {output}";

    /// <summary>Describes a state for failure reports. The default uses <see cref="object.ToString"/>.</summary>
    /// <param name="state">The state to describe.</param>
    /// <returns>A short, one-line text.</returns>
    string DescribeState(TState state) => state?.ToString() ?? "null";
}
