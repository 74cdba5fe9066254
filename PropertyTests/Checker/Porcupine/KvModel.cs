using RcuCollections.Linearizability;

namespace RcuCollections.Tests.Checker.Porcupine;

/// <summary>
/// Porcupine's key-value model, partitioned by key: per key, state = a string (initially empty; see <see cref="KvValue"/>); get must return it,
/// put replaces it, append extends it. The output is the string a get returned (ignored for put and append).
/// </summary>
public sealed class KvModel : IModel<KvValue, KvInput, string>
{
    /// <inheritdoc/>
    public KvValue Init() => KvValue.Empty;

    /// <inheritdoc/>
    public bool Step(KvValue state, KvInput input, string output, out KvValue next)
    {
        switch (input.Command)
        {
            case KvCommand.Get:
                next = state;
                return state.TextEquals(output);
            case KvCommand.Put:
                next = KvValue.Of(input.Value);
                return true;
            default:
                next = state.Append(input.Value);
                return true;
        }
    }

    /// <inheritdoc/>
    public IEnumerable<IReadOnlyList<Operation<KvInput, string>>> Partition(IReadOnlyList<Operation<KvInput, string>> history)
        => history.GroupBy(o => o.Input.Key, StringComparer.Ordinal).Select(g => (IReadOnlyList<Operation<KvInput, string>>)g.ToList());

    /// <inheritdoc/>
    public string DescribeOperation(KvInput input, string output) => input.Command == KvCommand.Get ? $"{input} -> \"{output}\"" : input.ToString();

    /// <inheritdoc/>
    public string DescribeState(KvValue state) => state.ToString();
}
