using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Engine.Scaling;

/// <summary>
/// The engine's scaling group "engine-pointer": a shared reference read under a read-side primitive and replaced by
/// writers, the smallest RCU use (a configuration object). Each variant supplies its read and write; this base class
/// runs the per-thread loop with the read/write mix, so no interface call happens per operation.
/// </summary>
public abstract class PointerCaseBase : IScalingCase
{
    /// <summary>Gets the variant's name after the group, for example "rcu-fqs".</summary>
    protected abstract string Variant { get; }

    /// <inheritdoc />
    public string Name => "engine-pointer/" + Variant;

    /// <inheritdoc />
    public IScalingWorkload CreateWorkload(ScalingParameters parameters) => CreateState(parameters);

    /// <summary>Creates the shared state of one run.</summary>
    /// <param name="parameters">Threads and mix.</param>
    /// <returns>The workload.</returns>
    protected abstract PointerWorkload CreateState(ScalingParameters parameters);

    /// <summary>A run's shared state: the published reference and the primitive guarding it.</summary>
    /// <param name="parameters">Threads and mix.</param>
    protected abstract class PointerWorkload(ScalingParameters parameters) : IScalingWorkload
    {
        /// <summary>The published reference.</summary>
        protected SharedValue Current = new(0);

        /// <summary>Reads the payload under the variant's read-side primitive.</summary>
        /// <returns>The payload.</returns>
        public abstract long Read();

        /// <summary>Replaces the published object under the variant's write-side discipline.</summary>
        /// <param name="value">The new payload.</param>
        public abstract void Write(long value);

        /// <summary>Called on the worker thread before the start barrier (registration, warm state).</summary>
        public virtual void PrepareThread() => Read();

        /// <inheritdoc />
        public IScalingWorker CreateWorker(int threadIndex)
        {
            PrepareThread();
            return new Worker(this, new ReadWriteMix(parameters.WriteFraction, threadIndex));
        }

        /// <inheritdoc />
        public virtual void Dispose()
        {
        }
    }

    private sealed class Worker(PointerWorkload workload, ReadWriteMix mix) : IScalingWorker
    {
        private ReadWriteMix _mix = mix;
        private long _sink;

        public void Execute(int operations)
        {
            PointerWorkload w = workload;
            long sink = 0;
            for (int i = 0; i < operations; i++)
            {
                if (_mix.NextIsWrite())
                    w.Write(i);
                else
                    sink += w.Read();
            }
            _sink += sink; // keeps the reads observable
        }
    }
}
