namespace RcuCollections.Benchmarks.Harness;

/// <summary>The shared state of one run of an <see cref="IScalingCase"/>; it hands each thread its own worker.</summary>
public interface IScalingWorkload : IDisposable
{
    /// <summary>
    /// Creates the worker of one thread. Called on that thread, before the start barrier, so thread-local
    /// registration (an RCU reader record, say) happens outside the measuring window.
    /// </summary>
    /// <param name="threadIndex">The thread's index, 0 to threads − 1.</param>
    /// <returns>The worker.</returns>
    IScalingWorker CreateWorker(int threadIndex);
}
