using RcuCollections.Benchmarks.Baselines.LegacyRcu;
using RcuCollections.Benchmarks.Engines;

namespace RcuCollections.Benchmarks.Engine.Seed;

/// <summary>An engine configuration the claims run on: a label and a factory for a fresh instance.</summary>
/// <param name="Label">Column label, for example "legacy (full fence)".</param>
/// <param name="Create">Creates a fresh engine (each experiment gets its own, so counters and threads start clean).</param>
public sealed record EngineVariant(string Label, Func<IRcuEngine> Create)
{
    /// <summary>Gets the pre-patch engine as QEMU builds it by default (full fences on both sides).</summary>
    public static EngineVariant Legacy { get; } = new("legacy", () => new LegacyRcuDomain());

    /// <summary>Gets the real engine with its defaults (asymmetric read side, FQS grace periods).</summary>
    public static EngineVariant Fqs { get; } = new("FQS", () => new RcuDomainEngine(new RcuOptions { Name = "bench-fqs" }));

    /// <summary>Gets the pre-patch engine in its membarrier build (asymmetric read side).</summary>
    public static EngineVariant LegacyAsymmetric { get; } =
        new("legacy, asymmetric", () => new LegacyRcuDomain(new LegacyRcuOptions { ReadFlavor = RcuReadFlavor.Asymmetric }));

    /// <summary>Gets the real engine with the full-fence read side.</summary>
    public static EngineVariant FqsFullFence { get; } =
        new("FQS, full fence", () => new RcuDomainEngine(new RcuOptions { Name = "bench-fqs-ff", ReadFlavor = RcuReadFlavor.FullFence }));

    /// <summary>Gets the two engines every claim compares, in their default configurations.</summary>
    public static IReadOnlyList<EngineVariant> Both { get; } = [Legacy, Fqs];
}
