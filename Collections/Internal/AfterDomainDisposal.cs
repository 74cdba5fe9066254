namespace RcuCollections.Internal;

/// <summary>
/// What the collections do with a resource whose retirement the domain refused because it is being disposed: run the
/// release once the domain's disposal completes (<see cref="RcuDomain.WhenDisposed"/>), after its last grace period, so
/// that no reader of a section that began before can still use the resource, and the release is not lost.
/// </summary>
internal static class AfterDomainDisposal
{
    /// <summary>Disposes <paramref name="resource"/> once <paramref name="domain"/> is completely disposed.</summary>
    public static void Dispose(RcuDomain domain, IDisposable resource) => Run(domain, static r => ((IDisposable)r).Dispose(), resource);

    /// <summary>Runs <paramref name="release"/> once <paramref name="domain"/> is completely disposed (at once if it is).</summary>
    public static void Run(RcuDomain domain, Action<object> release, object state)
    {
        // On the thread pool (never inline on the disposing thread, which may hold a lock of ours); an exception from
        // user code there is caught by the continuation's task, as a callback's failure would be by CallbackFailed.
        domain.WhenDisposed.ContinueWith(static (_, s) =>
        {
            var (release, state) = ((Action<object>, object))s!;
            release(state);
        }, (release, state), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }
}
