namespace RcuCollections.Linearizability.Search;

/// <summary>Why the searches of a check were stopped early.</summary>
internal enum StopReason
{
    /// <summary>Not stopped.</summary>
    None,

    /// <summary>A partition was proven illegal, so the history is; the other partitions need not finish.</summary>
    IllegalPartitionFound,

    /// <summary>The timeout ran out.</summary>
    TimedOut,
}
