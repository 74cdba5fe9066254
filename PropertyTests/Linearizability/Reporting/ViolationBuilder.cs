using System.Diagnostics;

namespace RcuCollections.Linearizability.Reporting;

/// <summary>
/// Turns the longest prefix of a failed partition search into a <see cref="LinearizabilityViolation"/>: replays the
/// prefix through the model for the states, and finds the operations that could come next and why they cannot.
/// </summary>
internal static class ViolationBuilder
{
    /// <summary>Builds the explanation of an illegal partition.</summary>
    /// <typeparam name="TState">The model state.</typeparam>
    /// <typeparam name="TInput">The operation input.</typeparam>
    /// <typeparam name="TOutput">The operation output.</typeparam>
    /// <param name="model">The model that rejected the partition.</param>
    /// <param name="operations">The partition.</param>
    /// <param name="partitionIndex">Its index.</param>
    /// <param name="partitionCount">How many partitions there were.</param>
    /// <param name="longestPrefix">The longest linearizable prefix found (operation indices).</param>
    /// <returns>The explanation.</returns>
    public static LinearizabilityViolation Build<TState, TInput, TOutput>(
        IModel<TState, TInput, TOutput> model,
        IReadOnlyList<Operation<TInput, TOutput>> operations,
        int partitionIndex,
        int partitionCount,
        int[] longestPrefix)
    {
        var descriptions = new OperationDescription[operations.Count];
        for (int i = 0; i < descriptions.Length; i++)
        {
            Operation<TInput, TOutput> operation = operations[i];
            descriptions[i] = new OperationDescription(i, operation.ClientId, operation.Call, operation.Return, model.DescribeOperation(operation.Input, operation.Output));
        }

        TState state = model.Init();
        string initial = model.DescribeState(state);
        var steps = new LinearizedStep[longestPrefix.Length];
        var placed = new bool[operations.Count];
        for (int i = 0; i < longestPrefix.Length; i++)
        {
            int index = longestPrefix[i];
            bool legal = model.Step(state, operations[index].Input, operations[index].Output, out TState? next);
            Debug.Assert(legal, "the search only keeps prefixes that the model accepts");
            state = next!;
            placed[index] = true;
            steps[i] = new LinearizedStep(descriptions[index], model.DescribeState(state));
        }

        return new LinearizabilityViolation(
            partitionIndex,
            partitionCount,
            initial,
            descriptions,
            steps,
            FindUnplaceable(model, operations, descriptions, placed, state));
    }

    private static List<UnplaceableOperation> FindUnplaceable<TState, TInput, TOutput>(
        IModel<TState, TInput, TOutput> model,
        IReadOnlyList<Operation<TInput, TOutput>> operations,
        OperationDescription[] descriptions,
        bool[] placed,
        TState state)
    {
        // The earliest return among the operations not placed bounds what can come next: any operation called at or
        // before it may be linearized next; one called after it may not (equal times overlap, as in the search).
        long earliestReturn = long.MaxValue;
        for (int i = 0; i < operations.Count; i++)
        {
            if (!placed[i])
            {
                earliestReturn = Math.Min(earliestReturn, operations[i].Return);
            }
        }

        var unplaceable = new List<UnplaceableOperation>();
        string stateText = model.DescribeState(state);
        for (int i = 0; i < operations.Count; i++)
        {
            if (placed[i] || operations[i].Call > earliestReturn)
            {
                continue;
            }

            if (model.Step(state, operations[i].Input, operations[i].Output, out TState? next))
            {
                unplaceable.Add(new UnplaceableOperation(
                    descriptions[i],
                    RejectedByModel: false,
                    $"the model accepts it in state {stateText} (giving {model.DescribeState(next)}), but no linearization of the remaining operations follows"));
            }
            else
            {
                unplaceable.Add(new UnplaceableOperation(
                    descriptions[i],
                    RejectedByModel: true,
                    $"the model rejects this output in state {stateText}"));
            }
        }

        return unplaceable;
    }
}
