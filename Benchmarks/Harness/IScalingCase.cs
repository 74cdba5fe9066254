namespace RcuCollections.Benchmarks.Harness;

/// <summary>
/// A multi-threaded throughput case for the <c>scaling</c> command: every thread runs the same mix of reads and
/// writes on a shared structure. Implementations are discovered by reflection (non-abstract classes with a public
/// parameterless constructor), so a component adds a case by adding a class under <c>Benchmarks/&lt;Component&gt;/</c>.
/// </summary>
public interface IScalingCase
{
    /// <summary>Gets the case's unique name, "group/variant" by convention, for example "engine-pointer/rcu-fqs".</summary>
    string Name { get; }

    /// <summary>
    /// Gets the chart group: cases with the same group (the part before the slash by default) share a
    /// throughput chart, one line per case, so a structure and its baselines appear side by side.
    /// </summary>
    string Group => Name.Split('/')[0];

    /// <summary>Gets whether the case has a write operation; when false only the read-only mix is run.</summary>
    bool SupportsWrites => true;

    /// <summary>Gets the number of operations a thread runs between two checks of the window (cheap ops: many).</summary>
    int OperationsPerBatch => 256;

    /// <summary>Creates the shared state for one run with the given thread count and mix.</summary>
    /// <param name="parameters">Threads and write fraction of this run.</param>
    /// <returns>The workload; disposed after the run.</returns>
    IScalingWorkload CreateWorkload(ScalingParameters parameters);
}
