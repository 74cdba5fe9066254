namespace RcuCollections.Benchmarks.Soak;

/// <summary>What a worker slot's threads do.</summary>
public enum WorkerKind
{
    /// <summary>Read sections over every collection.</summary>
    Reader,

    /// <summary>Collection writes.</summary>
    Writer,

    /// <summary>The domain's own API: callbacks, grace periods, cancellations, Barrier, Expedite.</summary>
    Domain,
}
