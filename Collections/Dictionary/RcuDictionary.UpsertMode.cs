namespace RcuCollections;

public sealed partial class RcuDictionary<TKey, TValue>
{
    /// <summary>What <see cref="Upsert"/> does when it finds, or does not find, the key.</summary>
    private enum UpsertMode
    {
        /// <summary>Add if absent; if present change nothing and report the existing value (TryAdd, GetOrAdd).</summary>
        AddOnly,

        /// <summary>Add if absent, replace if present (indexer set).</summary>
        AddOrReplace,

        /// <summary>Replace only if present with a value equal to the comparison value (TryUpdate, AddOrUpdate).</summary>
        ReplaceIfEqual,
    }
}
