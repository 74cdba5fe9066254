using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Tests.Benchmarks;

/// <summary>An interlocked increment, the baseline of <see cref="ExampleQuickSuite"/>.</summary>
public struct InterlockedIncrementOperation : IBatchOperation
{
    private long _value;

    public void Run(int count)
    {
        for (int i = 0; i < count; i++)
            Interlocked.Increment(ref _value);
    }
}
