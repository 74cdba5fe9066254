using System.Diagnostics.Metrics;

namespace RcuCollections.Internal;

/// <summary>
/// The engine's <see cref="Meter"/> (name <c>RcuCollections.Rcu</c>), watchable with
/// <c>dotnet-counters monitor --counters RcuCollections.Rcu</c>. Observable instruments enumerate the live domains.
/// </summary>
internal static class RcuMetrics
{
    public const string MeterName = "RcuCollections.Rcu";

    private static readonly object s_lock = new();
    private static readonly List<WeakReference<RcuDomain>> s_domains = new();

    public static readonly Meter Meter = new(MeterName, "1.0");

    public static readonly Histogram<double> GracePeriodDuration =
        Meter.CreateHistogram<double>("rcu.grace_period.duration", "ms", "Wall time of a grace period, from start to the last reader seen quiescent.");

    static RcuMetrics()
    {
        Meter.CreateObservableCounter("rcu.grace_periods", () => Observe(static s => s.GracePeriods), description: "Grace periods completed.");
        Meter.CreateObservableCounter("rcu.grace_periods.forced", () => Observe(static s => s.ForcedGracePeriods), description: "Grace periods that entered the forced state.");
        Meter.CreateObservableUpDownCounter("rcu.callbacks.pending", () => Observe(static s => s.CallbacksPending), description: "Callbacks deferred and not yet invoked.");
        Meter.CreateObservableCounter("rcu.callbacks.invoked", () => Observe(static s => s.CallbacksInvoked), description: "Callbacks invoked.");
        Meter.CreateObservableCounter("rcu.callbacks.failed", () => Observe(static s => s.CallbackFailures), description: "Callbacks that threw.");
    }

    public static void Track(RcuDomain domain)
    {
        lock (s_lock)
        {
            s_domains.RemoveAll(static w => !w.TryGetTarget(out _));
            s_domains.Add(new WeakReference<RcuDomain>(domain));
        }
    }

    public static void Untrack(RcuDomain domain)
    {
        lock (s_lock)
            s_domains.RemoveAll(w => !w.TryGetTarget(out RcuDomain? d) || ReferenceEquals(d, domain));
    }

    private static IEnumerable<Measurement<long>> Observe(Func<RcuStatistics, long> select)
    {
        RcuDomain[] live;
        lock (s_lock)
        {
            live = s_domains.Select(static w => w.TryGetTarget(out RcuDomain? d) ? d : null).OfType<RcuDomain>().ToArray();
        }
        foreach (RcuDomain d in live)
            yield return new Measurement<long>(select(d.GetStatistics()), new KeyValuePair<string, object?>("rcu.domain", d.Name));
    }
}
