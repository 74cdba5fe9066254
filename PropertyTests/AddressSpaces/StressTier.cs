namespace RcuCollections.Tests.AddressSpaces;

/// <summary>Short runs by default; longer ones when the environment variable <c>RCU_STRESS=1</c> is set.</summary>
internal static class StressTier
{
    public static bool IsStress { get; } = Environment.GetEnvironmentVariable("RCU_STRESS") == "1";

    public static int Pick(int quick, int stress) => IsStress ? stress : quick;
}
