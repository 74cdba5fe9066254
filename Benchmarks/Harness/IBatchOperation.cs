namespace RcuCollections.Benchmarks.Harness;

/// <summary>
/// A single-threaded operation timed by <see cref="OperationTimer"/>. Implement it on a struct: the timer is
/// generic over the struct type, so the JIT specialises the loop and inlines the operation, and the figure is the
/// operation's cost rather than an interface call's.
/// </summary>
public interface IBatchOperation
{
    /// <summary>Runs the operation <paramref name="count"/> times.</summary>
    /// <param name="count">Repetitions; at least 1.</param>
    void Run(int count);
}
