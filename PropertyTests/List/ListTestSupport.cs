namespace RcuCollections.Tests.List;

/// <summary>Shared knobs of the list tests: stress tiers and fast-grace-period domains.</summary>
internal static class ListTestSupport
{
    /// <summary>Gets whether the long stress tier was requested (<c>RCU_STRESS=1</c>).</summary>
    public static bool LongStress { get; } = Environment.GetEnvironmentVariable("RCU_STRESS") == "1";

    /// <summary>Picks the short or the long figure of a stress parameter.</summary>
    public static int Tier(int shortValue, int longValue) => LongStress ? longValue : shortValue;

    /// <summary>A private domain with quick grace periods, so recycling happens many times within a short test.</summary>
    public static RcuDomain CreateFastDomain() =>
        new(new RcuOptions { Name = "list-tests", PollInterval = TimeSpan.FromMilliseconds(1), PollsBeforeForce = 1, ForceAtPendingCallbacks = 8 });

    /// <summary>A generous bound for waits in tests that share two noisy cores with other work.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
}
