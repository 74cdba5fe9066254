using System.Diagnostics;

namespace RcuCollections.Tests.Support;

/// <summary>Waits for a condition without long sleeps: polls every millisecond up to a generous bound.</summary>
public static class Eventually
{
    /// <summary>Returns true as soon as <paramref name="condition"/> holds, false if <paramref name="timeout"/> passes first.</summary>
    public static bool Holds(Func<bool> condition, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > timeout) return false;
            Thread.Sleep(1);
        }
        return true;
    }
}
