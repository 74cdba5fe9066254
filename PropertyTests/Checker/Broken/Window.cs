namespace RcuCollections.Tests.Checker.Broken;

/// <summary>
/// Widens a race window in the deliberately broken objects: a short spin (so the window is open for about a
/// microsecond even on an idle core) and a yield (so that, with more threads than cores, another thread can be
/// scheduled into it).
/// </summary>
internal static class Window
{
    /// <summary>Spin briefly, then yield the processor.</summary>
    public static void Widen()
    {
        Thread.SpinWait(20);
        Thread.Yield();
    }
}
