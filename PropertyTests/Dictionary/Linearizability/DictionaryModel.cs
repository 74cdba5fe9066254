using System.Globalization;
using RcuCollections.Linearizability;

namespace RcuCollections.Tests.Dictionary.Linearizability;

/// <summary>
/// The sequential specification of a ConcurrentDictionary-shaped map, partitioned by key: calls on different keys never
/// constrain each other, so each key is checked on its own and its state is just "absent" (<see langword="null"/>) or
/// its value.
/// </summary>
/// <remarks>
/// <para>
/// <b>Factories.</b> docs/dictionary.md (as ConcurrentDictionary) runs factories outside any lock, so they may run more
/// often than their results are stored. What the model accepts, per call:
/// </para>
/// <list type="bullet">
/// <item><description><c>GetOrAdd(key, factory[, argument])</c> runs its factory at most once: only after its lock-free
/// lookup missed. Racing calls for one key may each run theirs, but only one result is stored and every caller returns the
/// stored value. So: key present → the call returns its value (whether or not the factory ran, as it does when it lost
/// the race to add); key absent → the factory ran and the call stored and returned its result.</description></item>
/// <item><description><c>AddOrUpdate</c> reads the value, runs a factory, and stores the result only if the value is
/// still the one it read; otherwise it retries, so its add and update factories may each run any number of times in one
/// call. So: key absent → the call returns the add value, or the result of one of its add-factory runs; key present with
/// value v → it returns the result of one of its update-factory runs that was given v. Either way that result becomes
/// the key's value, and later reads must return it.</description></item>
/// </list>
/// <para>
/// Because every factory run returns a value unique to the run (<see cref="DictionaryValues"/>), a stored value names the
/// factory run that produced it: the model checks that the stored value came from one of the call's recorded factory
/// results, and the key's later reads are checked against it.
/// </para>
/// <para>
/// <c>Count</c> and <c>IsEmpty</c> are not single-key operations and are exact only at quiescence, so they appear only in
/// <see cref="DictionaryCommand.QuiescentSnapshot"/>, which the generators put in the sequential parts only.
/// </para>
/// </remarks>
public sealed class DictionaryModel : IModel<int?, DictionaryOperation, DictionaryResult>
{
    /// <inheritdoc/>
    public int? Init() => null;

    /// <inheritdoc/>
    public bool Step(int? state, DictionaryOperation input, DictionaryResult output, out int? next)
    {
        next = state;
        IReadOnlyList<FactoryCall> calls = output.Calls;
        switch (input.Command)
        {
            case DictionaryCommand.TryGetValue:
            case DictionaryCommand.IndexerGet:
                return state is { } found ? output.Success && output.Value == found : !output.Success;

            case DictionaryCommand.ContainsKey:
                return output.Success == state.HasValue;

            case DictionaryCommand.TryAdd:
                if (state is not null)
                {
                    return !output.Success;
                }

                next = input.Value;
                return output.Success;

            case DictionaryCommand.TryRemove:
                if (state is not { } removed)
                {
                    return !output.Success;
                }

                next = null;
                return output.Success && output.Value == removed;

            case DictionaryCommand.TryRemovePair:
                if (state is null || state != output.Comparison)
                {
                    return !output.Success;
                }

                next = null;
                return output.Success;

            case DictionaryCommand.TryUpdate:
                if (state is null || state != output.Comparison)
                {
                    return !output.Success;
                }

                next = input.Value;
                return output.Success;

            case DictionaryCommand.IndexerSet:
                next = input.Value;
                return true;

            case DictionaryCommand.GetOrAddValue:
                if (state is { } existing)
                {
                    return output.Value == existing;
                }

                next = input.Value;
                return output.Value == input.Value;

            case DictionaryCommand.GetOrAddFactory:
            case DictionaryCommand.GetOrAddFactoryArgument:
                if (calls.Count > 1)
                {
                    return false; // at most one factory run per GetOrAdd call
                }

                if (state is { } present)
                {
                    return output.Value == present;
                }

                next = output.Value;
                return calls.Count == 1 && calls[0].Result == output.Value;

            case DictionaryCommand.AddOrUpdateValue:
            case DictionaryCommand.AddOrUpdateFactories:
            case DictionaryCommand.AddOrUpdateFactoriesArgument:
                next = output.Value;
                if (state is { } old)
                {
                    return Contains(calls, FactoryKind.Update, old, output.Value);
                }

                return input.Command == DictionaryCommand.AddOrUpdateValue
                    ? output.Value == input.Value
                    : Contains(calls, FactoryKind.Add, 0, output.Value);

            case DictionaryCommand.QuiescentSnapshot:
                return output.QuiescentError is null
                    && (state is { } listed ? output.Success && output.Value == listed : !output.Success);

            default:
                throw new ArgumentOutOfRangeException(nameof(input), input.Command, "Unknown command.");
        }
    }

    /// <inheritdoc/>
    public IEnumerable<IReadOnlyList<Operation<DictionaryOperation, DictionaryResult>>> Partition(IReadOnlyList<Operation<DictionaryOperation, DictionaryResult>> history)
        => history.GroupBy(o => o.Input.Key).Select(g => (IReadOnlyList<Operation<DictionaryOperation, DictionaryResult>>)g.ToList());

    /// <inheritdoc/>
    public string DescribeState(int? state) => state?.ToString(CultureInfo.InvariantCulture) ?? "absent";

    private static bool Contains(IReadOnlyList<FactoryCall> calls, FactoryKind kind, int old, int result)
    {
        foreach (FactoryCall call in calls)
        {
            if (call.Kind == kind && call.Old == old && call.Result == result)
            {
                return true;
            }
        }

        return false;
    }
}
