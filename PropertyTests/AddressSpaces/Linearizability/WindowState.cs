namespace RcuCollections.Tests.AddressSpaces.Linearizability;

/// <summary>The model's state: the page each window shows.</summary>
/// <param name="Page0">Window 0's page.</param>
/// <param name="Page1">Window 1's page.</param>
public readonly record struct WindowState(int Page0, int Page1)
{
    /// <inheritdoc/>
    public override string ToString() => $"w0={Page0} w1={Page1}";
}
