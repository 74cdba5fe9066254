using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine.Operations;

/// <summary>The baseline critical section: C# <c>lock</c> on an object (Monitor.Enter/Exit), uncontended.</summary>
/// <param name="gate">The object locked.</param>
public struct MonitorSection(object gate) : IBatchOperation
{
    /// <inheritdoc />
    public readonly void Run(int count)
    {
        object g = gate;
        for (int i = 0; i < count; i++)
        {
            lock (g)
            {
            }
        }
    }
}
