using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.List;

/// <summary>Shared knobs of the list tests: stress tiers (<see cref="StressTier"/>) and fast-grace-period domains.</summary>
internal static class ListTestSupport
{
    /// <summary>Picks the short or the long (<c>RCU_STRESS=1</c>) figure of a stress parameter.</summary>
    public static int Tier(int shortValue, int longValue) => StressTier.Pick(shortValue, longValue);

    /// <summary>A private domain with quick grace periods, so recycling happens many times within a short test.</summary>
    public static RcuDomain CreateFastDomain() =>
        new(new RcuOptions { Name = "list-tests", PollInterval = TimeSpan.FromMilliseconds(1), PollsBeforeForce = 1, ForceAtPendingCallbacks = 8 });

    /// <summary>A generous bound for waits in tests that share two noisy cores with other work.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
}
