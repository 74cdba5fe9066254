namespace RcuCollections.Linearizability;

/// <summary>
/// An operation that could have come next after the longest linearizable prefix, and why placing it there does not lead
/// to a linearization.
/// </summary>
/// <param name="Operation">The operation.</param>
/// <param name="RejectedByModel">
/// <see langword="true"/> when the model rejects the operation's output in the state after the prefix;
/// <see langword="false"/> when the model accepts it but no linearization of the remaining operations follows.
/// </param>
/// <param name="Reason">A sentence a person can act on.</param>
public sealed record UnplaceableOperation(OperationDescription Operation, bool RejectedByModel, string Reason);
