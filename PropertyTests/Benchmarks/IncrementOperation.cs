using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Tests.Benchmarks;

/// <summary>A plain increment, the measured side of <see cref="ExampleQuickSuite"/>.</summary>
public struct IncrementOperation : IBatchOperation
{
    private long _value;

    public void Run(int count)
    {
        for (int i = 0; i < count; i++)
            _value++;
    }
}
