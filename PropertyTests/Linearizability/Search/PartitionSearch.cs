using System.Diagnostics;

namespace RcuCollections.Linearizability.Search;

/// <summary>
/// The Wing and Gong search with Lowe's memoisation over one partition: walk the time-ordered entries; at a call,
/// try to linearize that operation now (the model must accept it, and the resulting (set, state) pair must be new);
/// at a return whose operation is not linearized yet, nothing earlier can be placed any more, so backtrack the most
/// recent choice. The partition is linearizable when every entry has been lifted, and illegal when a return is reached
/// with nothing left to backtrack.
/// </summary>
/// <typeparam name="TState">The model state.</typeparam>
/// <typeparam name="TInput">The operation input.</typeparam>
/// <typeparam name="TOutput">The operation output.</typeparam>
internal sealed class PartitionSearch<TState, TInput, TOutput>
{
    /// <summary>How many steps pass between two polls of the <see cref="SearchControl"/> (a power of two).</summary>
    private const int PollInterval = 1024;

    private readonly IModel<TState, TInput, TOutput> _model;
    private readonly IReadOnlyList<Operation<TInput, TOutput>> _operations;
    private readonly SearchControl _control;

    /// <summary>Prepares a search.</summary>
    /// <param name="model">The sequential specification.</param>
    /// <param name="operations">The partition.</param>
    /// <param name="control">Deadline and stop requests shared with the other partitions.</param>
    public PartitionSearch(IModel<TState, TInput, TOutput> model, IReadOnlyList<Operation<TInput, TOutput>> operations, SearchControl control)
    {
        _model = model;
        _operations = operations;
        _control = control;
    }

    /// <summary>Runs the search to a verdict, or until stopped.</summary>
    /// <returns>The verdict and the (longest) linearization found.</returns>
    public PartitionSearchResult Run()
    {
        int count = _operations.Count;
        var inputs = new TInput[count];
        var outputs = new TOutput[count];
        var calls = new long[count];
        var returns = new long[count];
        for (int i = 0; i < count; i++)
        {
            Operation<TInput, TOutput> operation = _operations[i];
            inputs[i] = operation.Input;
            outputs[i] = operation.Output;
            calls[i] = operation.Call;
            returns[i] = operation.Return;
        }

        var entries = new EntryList(calls, returns);
        var linearized = new LinearizedSet(count);
        var memo = new MemoTable<TState>(linearized.Words.Length, EqualityComparer<TState>.Default);
        var chosen = new int[count];        // the operations linearized so far, in order
        var statesBefore = new TState[count]; // the state before each of them, to restore on backtracking
        int depth = 0;
        int[] longest = [];

        TState state = _model.Init();
        memo.TryAdd(linearized, state);

        long steps = 0;
        int entry = entries.First;
        while (!entries.IsEmpty)
        {
            if ((++steps & (PollInterval - 1)) == 0 && _control.ShouldStop())
            {
                return new PartitionSearchResult(PartitionVerdict.Stopped, longest, steps, memo.Count);
            }

            // Every call's return follows it, so walking from the head meets a return before running off the end.
            Debug.Assert(entry != EntryList.None, "walked past the last entry");
            int operation = EntryList.OperationOf(entry);
            if (EntryList.IsCall(entry))
            {
                if (_model.Step(state, inputs[operation], outputs[operation], out TState? next))
                {
                    linearized.Add(operation);
                    if (memo.TryAdd(linearized, next))
                    {
                        chosen[depth] = operation;
                        statesBefore[depth] = state;
                        depth++;
                        state = next;
                        entries.Lift(operation);
                        if (depth > longest.Length)
                        {
                            longest = chosen.AsSpan(0, depth).ToArray();
                        }

                        entry = entries.First;
                        continue;
                    }

                    // Already explored from here: this choice leads nowhere new.
                    linearized.Remove(operation);
                }

                entry = entries.Next(entry);
            }
            else
            {
                // The return of an operation not yet linearized: it must come before everything after this point, and
                // every candidate before it has been tried. Undo the latest choice and try the next candidate after it.
                if (depth == 0)
                {
                    return new PartitionSearchResult(PartitionVerdict.Illegal, longest, steps, memo.Count);
                }

                depth--;
                int undone = chosen[depth];
                state = statesBefore[depth];
                statesBefore[depth] = default!; // Let the state be collected; it is not read again before rewritten.
                linearized.Remove(undone);
                entries.Unlift(undone);
                entry = entries.Next(EntryList.CallOf(undone));
            }
        }

        Debug.Assert(depth == count && linearized.CountBits() == count);
        return new PartitionSearchResult(PartitionVerdict.Linearizable, chosen, steps, memo.Count);
    }
}
