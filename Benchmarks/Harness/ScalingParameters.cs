namespace RcuCollections.Benchmarks.Harness;

/// <summary>The parameters of one scaling run.</summary>
/// <param name="Threads">Number of measuring threads.</param>
/// <param name="WriteFraction">Fraction of operations that are writes, in [0, 1].</param>
public readonly record struct ScalingParameters(int Threads, double WriteFraction)
{
    /// <summary>Gets the write fraction as a percentage label, for example "1%" or "0%".</summary>
    public string MixLabel => $"{WriteFraction * 100:0.##}% writes";
}
