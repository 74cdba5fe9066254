namespace RcuCollections.Tests.Support;

/// <summary>
/// Which configuration this test assembly (and the collections under test, built with it) was compiled in. Debug
/// builds compile without optimisation and run the collections' <c>AssertInvariants</c> (a scan of the written segment
/// or region graph) at every writer lock exit, so allocation and timing figures mean nothing there. Tests that assert
/// zero allocations or a time bound check <see cref="MeasuresAllocations"/> and skip only that assertion (and any loop
/// that exists only to reach it) in Debug; their functional checks still run. CI's Release leg asserts the figures.
/// </summary>
public static class BuildFlavor
{
    /// <summary>Gets whether allocation and timing assertions apply: true in Release, false in Debug builds.</summary>
#if DEBUG
    public static bool MeasuresAllocations => false;
#else
    public static bool MeasuresAllocations => true;
#endif
}
