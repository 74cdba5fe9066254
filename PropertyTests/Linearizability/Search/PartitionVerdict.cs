namespace RcuCollections.Linearizability.Search;

/// <summary>What the search of one partition concluded.</summary>
internal enum PartitionVerdict
{
    /// <summary>A linearization was found.</summary>
    Linearizable,

    /// <summary>The search space was exhausted: no linearization exists.</summary>
    Illegal,

    /// <summary>The search was stopped before it decided (timeout, or another partition was illegal).</summary>
    Stopped,
}
