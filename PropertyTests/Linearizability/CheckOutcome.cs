namespace RcuCollections.Linearizability;

/// <summary>The verdict of <see cref="LinearizabilityChecker.Check{TState, TInput, TOutput}"/>.</summary>
public enum CheckOutcome
{
    /// <summary>The history is linearizable: every partition has a legal sequential order that respects real time.</summary>
    Ok,

    /// <summary>The history is not linearizable: the search proved that some partition has no legal order.</summary>
    Illegal,

    /// <summary>The timeout ran out before every partition was decided, and none was found illegal.</summary>
    Unknown,
}
