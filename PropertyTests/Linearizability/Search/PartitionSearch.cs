using System.Diagnostics;

namespace RcuCollections.Linearizability.Search;

/// <summary>
/// The Wing and Gong search with Lowe's memoisation over one partition: walk the time-ordered entries; at a call,
/// try to linearize that operation now (the model must accept it, and the resulting configuration must not be known
/// to fail); at a return whose operation is not linearized yet, nothing later can be placed first, so backtrack the most
/// recent choice, recording the configuration it leaves as failed. The partition is linearizable when every entry has
/// been lifted, and illegal when a return is reached with nothing left to backtrack.
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
    /// <exception cref="InvalidOperationException">The model rejected a call that never returned.</exception>
    public PartitionSearchResult Run()
    {
        int count = _operations.Count;
        var inputs = new TInput[count];
        var outputs = new TOutput[count];
        var calls = new long[count];
        var returns = new long[count];
        var pending = new bool[count];
        int pendingCount = 0;
        for (int i = 0; i < count; i++)
        {
            Operation<TInput, TOutput> operation = _operations[i];
            inputs[i] = operation.Input;
            outputs[i] = operation.Output;
            calls[i] = operation.Call;
            returns[i] = operation.Return;
            pending[i] = operation.Return == Operation.PendingReturn;
            pendingCount += pending[i] ? 1 : 0;
        }

        var linearized = new LinearizedSet(Math.Max(1, (count - pendingCount + 63) >> 6), (pendingCount + 63) >> 6);
        var bits = new int[count];
        for (int i = 0, completed = 0, open = 0; i < count; i++)
        {
            bits[i] = pending[i] ? linearized.PendingBit(open++) : LinearizedSet.CompletedBit(completed++);
        }

        var entries = new EntryList(calls, returns);
        var failed = new FailedConfigurationTable<TState>(linearized.CompletedWords.Length, linearized.PendingWords.Length, EqualityComparer<TState>.Default);
        var chosen = new int[count];           // the operations linearized so far, in order
        var statesBefore = new TState[count];  // the state before each of them, to restore on backtracking
        var chosenInPendingPass = new bool[count];
        int depth = 0;
        int[] longest = [];
        TState state = _model.Init();

        // The candidates at each point are the calls before the first return entry. They are tried in two passes:
        // operations that returned first, then calls that never returned. Trying an open call only once nothing else
        // fits is Lowe's "just in time" idea: such a call can go anywhere after its call time, so placing it early is
        // rarely what a linearization needs. The order changes how soon a linearization is found, never the verdict:
        // both passes together try every candidate, and what is recorded as failed does not depend on the order.
        bool pendingPass = false;
        long steps = 0;
        long pushes = 0;
        int entry = entries.First;
        while (!entries.IsEmpty)
        {
            if ((++steps & (PollInterval - 1)) == 0 && _control.ShouldStop())
            {
                return new PartitionSearchResult(PartitionVerdict.Stopped, longest, steps, failed.Count, pushes);
            }

            // Every call's return follows it, so walking from the head meets a return before running off the end.
            Debug.Assert(entry != EntryList.None, "walked past the last entry");
            int operation = EntryList.OperationOf(entry);
            if (EntryList.IsCall(entry))
            {
                if (pending[operation] == pendingPass)
                {
                    if (_model.Step(state, inputs[operation], outputs[operation], out TState? next))
                    {
                        linearized.Add(bits[operation]);
                        if (!failed.IsKnownToFail(linearized, next))
                        {
                            pushes++;
                            chosen[depth] = operation;
                            statesBefore[depth] = state;
                            chosenInPendingPass[depth] = pendingPass;
                            depth++;
                            state = next;
                            entries.Lift(operation);
                            if (depth > longest.Length)
                            {
                                longest = chosen.AsSpan(0, depth).ToArray();
                            }

                            pendingPass = false;
                            entry = entries.First;
                            continue;
                        }

                        linearized.Remove(bits[operation]);
                    }
                    else if (pendingPass)
                    {
                        throw RejectedPendingCall(operation, state);
                    }
                }

                entry = entries.Next(entry);
            }
            else if (pendingCount != 0 && !pendingPass)
            {
                // The completed candidates are exhausted; now try the open calls among the same candidates.
                pendingPass = true;
                entry = entries.First;
            }
            else
            {
                // The return of an operation not yet linearized: it must come before everything after this point, and
                // every candidate before it has been tried. The current configuration has no linearization: record that,
                // undo the latest choice, and try the next candidate after it.
                if (depth == 0)
                {
                    return new PartitionSearchResult(PartitionVerdict.Illegal, longest, steps, failed.Count, pushes);
                }

                failed.Add(linearized, state);
                depth--;
                int undone = chosen[depth];
                state = statesBefore[depth];
                statesBefore[depth] = default!; // Let the state be collected; it is not read again before rewritten.
                pendingPass = chosenInPendingPass[depth];
                linearized.Remove(bits[undone]);
                entries.Unlift(undone);
                entry = entries.Next(EntryList.CallOf(undone));
            }
        }

        Debug.Assert(depth == count && linearized.CountBits() == count);
        return new PartitionSearchResult(PartitionVerdict.Linearizable, chosen, steps, failed.Count, pushes);
    }

    private InvalidOperationException RejectedPendingCall(int operation, TState state)
        => new(
            $"{_model.GetType().Name} rejected {_model.DescribeOperation(_operations[operation].Input, _operations[operation].Output)} " +
            $"(client {_operations[operation].ClientId}, called at {_operations[operation].Call}) in state {_model.DescribeState(state)}, but that call never " +
            "returned: its outcome is unknown, so the model must accept it in every state (give it an 'unknown' output the model treats as always legal).");
}
