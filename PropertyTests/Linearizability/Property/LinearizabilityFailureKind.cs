namespace RcuCollections.Linearizability;

/// <summary>How a linearizability property failed.</summary>
public enum LinearizabilityFailureKind
{
    /// <summary>The property passed.</summary>
    None,

    /// <summary>A run's history is not linearizable.</summary>
    NotLinearizable,

    /// <summary>The checker could not decide a run's history within the check timeout.</summary>
    Undecided,

    /// <summary>The object under test threw an exception.</summary>
    ObjectThrew,

    /// <summary>The parallel part of a run did not finish within the run timeout (deadlock or livelock).</summary>
    Hang,

    /// <summary>FsCheck reported a failure that did not come from a run (for example, the model threw).</summary>
    Other,
}
