namespace RcuCollections.Benchmarks.Engine.Scaling;

/// <summary>The object the pointer cases publish: readers load <see cref="Value"/> through the shared reference, writers replace the whole object.</summary>
/// <param name="value">The payload.</param>
public sealed class SharedValue(long value)
{
    /// <summary>Gets the payload.</summary>
    public long Value { get; } = value;
}
