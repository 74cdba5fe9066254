namespace RcuCollections.Linearizability;

/// <summary>Thrown by <see cref="LinearizabilityProperty{TObject, TState, TInput, TOutput}.Check"/> when the property fails.</summary>
public sealed class LinearizabilityException : Exception
{
    /// <summary>Creates the exception for a failed report.</summary>
    /// <param name="report">The report; its text is the message.</param>
    public LinearizabilityException(LinearizabilityReport report)
        : base((report ?? throw new ArgumentNullException(nameof(report))).ToString())
    {
        Report = report;
    }

    /// <summary>The report of the failed property.</summary>
    public LinearizabilityReport Report { get; }
}
