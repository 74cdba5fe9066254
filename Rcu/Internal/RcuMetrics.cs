using System.Diagnostics.Metrics;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace RcuCollections.Internal;

/// <summary>
/// The engine's <see cref="Meter"/> (name <c>RcuCollections.Rcu</c>, version the assembly's informational version),
/// watchable with <c>dotnet-counters monitor --counters RcuCollections.Rcu</c>. Instruments follow the OpenTelemetry
/// semantic conventions: UCUM units (<c>{grace_period}</c>, <c>{callback}</c>, <c>s</c>), durations in seconds.
/// Observable instruments enumerate the live domains.
/// </summary>
/// <remarks>
/// Every measurement carries two tags: <c>rcu.domain.name</c> (<see cref="RcuOptions.Name"/>, "rcu" unless set, so
/// not unique) and <c>rcu.domain.id</c> (a number unique to the domain within the process, in creation order, never
/// reused), so that two domains with the same name never merge into one series.
/// </remarks>
internal static class RcuMetrics
{
    public const string MeterName = "RcuCollections.Rcu";
    public const string DomainNameTag = "rcu.domain.name";
    public const string DomainIdTag = "rcu.domain.id";

    private static readonly object s_lock = new();
    private static readonly List<DomainTags> s_domains = new();
    private static readonly ConditionalWeakTable<RcuDomain, DomainTags> s_tags = new();
    private static long s_lastId;

    public static readonly Meter Meter = new(MeterName, InformationalVersion());

    public static readonly Histogram<double> GracePeriodDuration = Meter.CreateHistogram<double>(
        "rcu.grace_period.duration", "s", "Wall time of a grace period, from start to the last reader seen quiescent.",
        tags: null,
        // Grace periods take tens of microseconds to milliseconds, seconds when a reader stalls: the default
        // boundaries (made for milliseconds) would put almost every one in the first bucket.
        advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        });

    static RcuMetrics()
    {
        Meter.CreateObservableCounter("rcu.grace_periods", () => Observe(static s => s.GracePeriods), "{grace_period}", "Grace periods completed.");
        Meter.CreateObservableCounter("rcu.grace_periods.forced", () => Observe(static s => s.ForcedGracePeriods), "{grace_period}", "Grace periods that entered the forced state.");
        Meter.CreateObservableUpDownCounter("rcu.callbacks.pending", () => Observe(static s => s.CallbacksPending), "{callback}", "Callbacks deferred and not yet invoked.");
        Meter.CreateObservableCounter("rcu.callbacks.invoked", () => Observe(static s => s.CallbacksInvoked), "{callback}", "Callbacks invoked.");
        Meter.CreateObservableCounter("rcu.callbacks.failed", () => Observe(static s => s.CallbackFailures), "{callback}", "Callbacks that threw.");
    }

    public static void Track(RcuDomain domain)
    {
        lock (s_lock)
        {
            var tags = new DomainTags(domain, ++s_lastId);
            s_domains.RemoveAll(static t => !t.Domain.TryGetTarget(out _));
            s_domains.Add(tags);
            s_tags.AddOrUpdate(domain, tags);
        }
    }

    public static void Untrack(RcuDomain domain)
    {
        lock (s_lock)
        {
            s_domains.RemoveAll(t => !t.Domain.TryGetTarget(out RcuDomain? d) || ReferenceEquals(d, domain));
            s_tags.Remove(domain);
        }
    }

    /// <summary>Records one grace period of <paramref name="domain"/> in <see cref="GracePeriodDuration"/>.</summary>
    public static void RecordGracePeriod(RcuDomain domain, TimeSpan elapsed)
    {
        // A grace period that ends while its domain is being disposed (already untracked) is not recorded: recording it
        // without its id would start a stray series.
        if (s_tags.TryGetValue(domain, out DomainTags? tags))
            GracePeriodDuration.Record(elapsed.TotalSeconds, tags.Name, tags.Id);
    }

    private static IEnumerable<Measurement<long>> Observe(Func<RcuStatistics, long> select)
    {
        var live = new List<(RcuDomain Domain, DomainTags Tags)>();
        lock (s_lock)
        {
            foreach (DomainTags t in s_domains)
                if (t.Domain.TryGetTarget(out RcuDomain? d)) live.Add((d, t));
        }
        foreach ((RcuDomain d, DomainTags t) in live)
            yield return new Measurement<long>(select(d.GetStatistics()), t.Name, t.Id);
    }

    private static string? InformationalVersion() =>
        typeof(RcuMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    /// <summary>A tracked domain and its tags, built once (recording a grace period allocates nothing).</summary>
    private sealed class DomainTags(RcuDomain domain, long id)
    {
        public WeakReference<RcuDomain> Domain { get; } = new(domain);

        public KeyValuePair<string, object?> Name { get; } = new(DomainNameTag, domain.Name);

        public KeyValuePair<string, object?> Id { get; } = new(DomainIdTag, id);
    }
}
