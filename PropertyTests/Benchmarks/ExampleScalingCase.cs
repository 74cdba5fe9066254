using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Tests.Benchmarks;

/// <summary>
/// The shape of a scaling case (docs/benchmarks/harness.md shows it): a shared counter read by most operations
/// and incremented by the write fraction. A real one lives in Benchmarks/&lt;Component&gt;/.
/// </summary>
public sealed class ExampleScalingCase : IScalingCase
{
    public string Name => "example-counter/interlocked";

    public IScalingWorkload CreateWorkload(ScalingParameters parameters) => new Workload(parameters);

    private sealed class Workload(ScalingParameters parameters) : IScalingWorkload
    {
        private long _counter;

        // Called on the measuring thread itself, before the start barrier.
        public IScalingWorker CreateWorker(int threadIndex) =>
            new Worker(this, new ReadWriteMix(parameters.WriteFraction, threadIndex));

        public void Dispose()
        {
        }

        private sealed class Worker(Workload shared, ReadWriteMix mix) : IScalingWorker
        {
            private ReadWriteMix _mix = mix;
            private long _sink;

            public void Execute(int operations)
            {
                for (int i = 0; i < operations; i++)
                {
                    if (_mix.NextIsWrite())
                        Interlocked.Increment(ref shared._counter);
                    else
                        _sink += Volatile.Read(ref shared._counter);
                }
            }
        }
    }
}
