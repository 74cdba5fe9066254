namespace RcuCollections.Linearizability;

/// <summary>One step of a (partial) linearization: an operation and the model state right after it.</summary>
/// <param name="Operation">The operation placed at this step.</param>
/// <param name="StateAfter">The model's description of the state after it.</param>
public sealed record LinearizedStep(OperationDescription Operation, string StateAfter);
