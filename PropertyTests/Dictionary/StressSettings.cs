namespace RcuCollections.Tests.Dictionary;

/// <summary>Stress tiers: short by default (CI on 2 cores), longer with RCU_STRESS=1.</summary>
internal static class StressSettings
{
    public static bool Long => Environment.GetEnvironmentVariable("RCU_STRESS") == "1";

    public static TimeSpan Duration => Long ? TimeSpan.FromSeconds(20) : TimeSpan.FromMilliseconds(300);
}
