using RcuCollections.AddressSpaces;

namespace RcuCollections.Tests.AddressSpaces;

/// <summary>
/// An owner that poisons itself on release (the C# stand-in for freeing native memory): a reader that still sees
/// it unpoisoned inside a section is safe; one that sees it poisoned had a use-after-free. An optional guard runs at
/// release time to check who could still hold a translation.
/// </summary>
internal sealed class PoisonOwner(string name, Func<bool>? someoneStillHoldsIt = null) : MemoryRegionOwner
{
    private readonly ManualResetEventSlim _released = new();
    private int _poisoned;
    private int _violations;
    private long _releasedAt;

    public string Name { get; } = name;

    public bool IsPoisoned => Volatile.Read(ref _poisoned) != 0;

    /// <summary>Releases that happened while a reader could still hold a translation into the owner's regions.</summary>
    public int Violations => Volatile.Read(ref _violations);

    /// <summary>The <see cref="System.Diagnostics.Stopwatch"/> timestamp of the (last) release.</summary>
    public long ReleasedAt => Interlocked.Read(ref _releasedAt);

    public bool WaitReleased(TimeSpan timeout) => _released.Wait(timeout);

    protected override void OnReleased()
    {
        Interlocked.Exchange(ref _releasedAt, System.Diagnostics.Stopwatch.GetTimestamp());
        if (someoneStillHoldsIt?.Invoke() == true)
        {
            Interlocked.Increment(ref _violations);
        }

        Volatile.Write(ref _poisoned, 1);
        _released.Set();
    }
}
