using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine.Seed;

/// <summary>What a seed claim produced: its table (both engines side by side, one verdict sentence per row), notes and raw samples.</summary>
/// <param name="Id">"B1" to "B7".</param>
/// <param name="Title">The claim's title.</param>
/// <param name="Expectation">What docs/design/rcu-algorithms.md §5 expects.</param>
/// <param name="Setup">How it was measured (readers, samples, windows), one sentence.</param>
/// <param name="Table">The table.</param>
public sealed record ClaimResult(string Id, string Title, string Expectation, string Setup, MarkdownTable Table)
{
    /// <summary>Gets latency samples per series ("legacy, idle readers"), in nanoseconds, for the chart and CSV.</summary>
    public List<(string Series, List<double> Nanoseconds)> LatencySamples { get; } = [];

    /// <summary>Gets extra figures for the CSV: (case, engine, metric, value).</summary>
    public List<(string Case, string Engine, string Metric, double Value)> Figures { get; } = [];
}
