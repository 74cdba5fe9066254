namespace RcuCollections.Benchmarks.Harness;

/// <summary>
/// One line of the <c>quick</c> headline table: a measured figure, the baseline it is compared with
/// (measured in the same run), the ratio between them and the target the figure is held to.
/// </summary>
/// <param name="Component">The component, for example "Engine".</param>
/// <param name="Metric">What was measured, for example "ReadLock+Dispose, RcuDomain.Default".</param>
/// <param name="Value">The measured figure, in <paramref name="Unit"/>.</param>
/// <param name="Unit">The unit of <paramref name="Value"/> and <paramref name="BaselineValue"/>, for example "ns".</param>
/// <param name="BaselineName">What the figure is compared with, for example "ReaderWriterLockSlim read pair".</param>
/// <param name="BaselineValue">The baseline's figure, in <paramref name="Unit"/>.</param>
/// <param name="LowerIsBetter">Whether a smaller figure is better (times, bytes) or a larger one (throughput).</param>
/// <param name="Target">The target in words, for example "≥ 10x faster"; empty when there is none.</param>
public sealed record QuickRow(
    string Component,
    string Metric,
    double Value,
    string Unit,
    string BaselineName,
    double BaselineValue,
    bool LowerIsBetter,
    string Target)
{
    /// <summary>
    /// Gets how many times better the figure is than its baseline: above 1 means better, below 1 worse.
    /// For a lower-is-better figure this is <c>baseline / value</c>, otherwise <c>value / baseline</c>.
    /// <see cref="double.NaN"/> when either side is not a positive number.
    /// </summary>
    public double Ratio
    {
        get
        {
            if (!(Value > 0) || !(BaselineValue > 0))
                return double.NaN;
            return LowerIsBetter ? BaselineValue / Value : Value / BaselineValue;
        }
    }

    /// <summary>
    /// Gets whether the target was met, when the suite could judge it; <see langword="null"/> when there is
    /// no target or it cannot be judged from this run (smoke mode never judges).
    /// </summary>
    public bool? TargetMet { get; init; }

    /// <summary>Gets an optional note shown after the target (sample count, caveat).</summary>
    public string Note { get; init; } = "";
}
