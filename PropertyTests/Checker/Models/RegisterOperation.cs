namespace RcuCollections.Tests.Checker.Models;

/// <summary>A call on an integer register: read, or write a value.</summary>
/// <param name="IsWrite">Whether it writes.</param>
/// <param name="Value">The value written (ignored for a read).</param>
public readonly record struct RegisterOperation(bool IsWrite, int Value)
{
    /// <summary>A read.</summary>
    public static RegisterOperation Read => new(false, 0);

    /// <summary>A write of <paramref name="value"/>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The operation.</returns>
    public static RegisterOperation Write(int value) => new(true, value);

    /// <inheritdoc/>
    public override string ToString() => IsWrite ? $"Write({Value})" : "Read()";
}
