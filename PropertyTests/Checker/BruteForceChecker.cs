using RcuCollections.Linearizability;

namespace RcuCollections.Tests.Checker;

/// <summary>
/// The definition of linearizability, executed literally: try every order of the operations that respects real time
/// (an operation that returned strictly before another was called comes first; equal times overlap), and ask the model
/// to accept it step by step. Exponential; only for histories of a handful of operations, as the oracle the real checker
/// is compared with.
/// </summary>
internal static class BruteForceChecker
{
    public static bool IsLinearizable<TState, TInput, TOutput>(IModel<TState, TInput, TOutput> model, IReadOnlyList<Operation<TInput, TOutput>> history)
    {
        var used = new bool[history.Count];
        return Search(model.Init(), 0);

        bool Search(TState state, int placed)
        {
            if (placed == history.Count)
            {
                return true;
            }

            for (int i = 0; i < history.Count; i++)
            {
                if (used[i] || !CanGoNext(i))
                {
                    continue;
                }

                if (model.Step(state, history[i].Input, history[i].Output, out TState? next))
                {
                    used[i] = true;
                    bool found = Search(next, placed + 1);
                    used[i] = false;
                    if (found)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        bool CanGoNext(int candidate)
        {
            for (int other = 0; other < history.Count; other++)
            {
                if (!used[other] && other != candidate && history[other].Return < history[candidate].Call)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
