namespace RcuCollections.Tests.Checker.Broken;

/// <summary>
/// BROKEN ON PURPOSE: reads are served from a cache tagged with the register's version. A read that misses reads the
/// value, then stores it in the cache tagged with the version read <em>afterwards</em>; a write that lands in between
/// leaves the old value tagged with the new version, and every later read returns that stale value until the next write.
/// (The correct code tags the value with the version read before the value.)
/// </summary>
public sealed class StaleCacheRegister
{
    private readonly Lock _writeLock = new();
    private int _value;
    private int _version;
    private Snapshot _cache = new(0, 0);

    /// <summary>Writes a value.</summary>
    /// <param name="value">The value.</param>
    public void Write(int value)
    {
        lock (_writeLock)
        {
            Volatile.Write(ref _value, value);     // pairs with the Volatile.Read of _value in Read
            Interlocked.Increment(ref _version);   // after the value: a reader that sees the new version sees the value
        }
    }

    /// <summary>Reads the value.</summary>
    /// <returns>The value (possibly stale: this is the bug).</returns>
    public int Read()
    {
        Snapshot cached = Volatile.Read(ref _cache); // pairs with the Volatile.Write below
        if (cached.Version == Volatile.Read(ref _version))
        {
            return cached.Value;
        }

        int value = Volatile.Read(ref _value);
        Window.Widen(); // a write can complete right here
        Volatile.Write(ref _cache, new Snapshot(value, Volatile.Read(ref _version))); // BUG: should use the version read before the value
        return value;
    }

    private sealed record Snapshot(int Value, int Version);
}
