namespace RcuCollections.Benchmarks.Engine.Seed;

/// <summary>
/// One of the seed's claims for FQS over the pre-patch engine (docs/design/rcu-algorithms.md §5, B1–B7), reproduced as
/// a measurement on both engines. Implementations are discovered by reflection and run by the <c>seed</c> and
/// <c>b1</c>..<c>b7</c> commands.
/// </summary>
public interface ISeedClaim
{
    /// <summary>Gets the claim's id, "B1" to "B7".</summary>
    string Id { get; }

    /// <summary>Gets the claim's short title.</summary>
    string Title { get; }

    /// <summary>Gets what docs/design/rcu-algorithms.md §5 expects, in one sentence.</summary>
    string Expectation { get; }

    /// <summary>Runs the claim on both engines.</summary>
    /// <param name="context">Readers, samples, smoke flag, progress.</param>
    /// <returns>The table and the raw samples.</returns>
    ClaimResult Run(SeedContext context);
}
