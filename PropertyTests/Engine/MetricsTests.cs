using System.Diagnostics.Metrics;
using System.Reflection;

namespace RcuCollections.Tests.Engine;

/// <summary>
/// The meter follows the OpenTelemetry semantic conventions (docs/rcu-engine.md, "Observability"): UCUM units on every
/// instrument, durations in seconds, the assembly's informational version as the meter's, and one series per domain
/// even when two domains share a name (the <c>rcu.domain.id</c> tag).
/// </summary>
public class MetricsTests
{
    private const string MeterName = "RcuCollections.Rcu";

    [Fact]
    public void EveryInstrument_HasItsUnit_AndTheMeterCarriesTheAssemblyVersion()
    {
        using var domain = new RcuDomain(new RcuOptions { Name = "units-test" });
        var units = new Dictionary<string, string?>();
        string? meterVersion = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name != MeterName) return;
            lock (units)
            {
                units[instrument.Name] = instrument.Unit;
                meterVersion = instrument.Meter.Version;
            }
        };
        listener.Start();

        var expected = new Dictionary<string, string?>
        {
            ["rcu.grace_periods"] = "{grace_period}",
            ["rcu.grace_periods.forced"] = "{grace_period}",
            ["rcu.callbacks.pending"] = "{callback}",
            ["rcu.callbacks.invoked"] = "{callback}",
            ["rcu.callbacks.failed"] = "{callback}",
            ["rcu.grace_period.duration"] = "s",
        };
        lock (units)
        {
            Assert.Equal(expected.OrderBy(p => p.Key), units.OrderBy(p => p.Key));
            string? assemblyVersion = typeof(RcuDomain).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            Assert.False(string.IsNullOrEmpty(assemblyVersion));
            Assert.Equal(assemblyVersion, meterVersion);
        }
    }

    [Fact]
    public void GracePeriodDuration_IsRecordedInSeconds()
    {
        string name = "seconds-" + Guid.NewGuid().ToString("N");
        using var domain = new RcuDomain(new RcuOptions { Name = name });
        var durations = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name == "rcu.grace_period.duration") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            if (TagValue(tags, "rcu.domain.name") as string == name) lock (durations) durations.Add(value);
        });
        listener.Start();

        // A reader holds the grace period up for at least 300 ms: in seconds that is >= 0.3 and far below 300.
        using var entered = new ManualResetEventSlim();
        var reader = new Thread(() =>
        {
            using (domain.ReadLock())
            {
                entered.Set();
                Thread.Sleep(300);
            }
        });
        reader.Start();
        entered.Wait();
        domain.Synchronize();
        reader.Join();

        lock (durations)
        {
            Assert.NotEmpty(durations);
            double longest = durations.Max();
            Assert.InRange(longest, 0.29, 60);
        }
    }

    [Fact]
    public void TwoDomainsWithOneName_AreTwoSeries()
    {
        string name = "twin-" + Guid.NewGuid().ToString("N");
        using var first = new RcuDomain(new RcuOptions { Name = name });
        using var second = new RcuDomain(new RcuOptions { Name = name });
        var counterIds = new HashSet<long>();
        var histogramIds = new HashSet<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name is "rcu.grace_periods" or "rcu.grace_period.duration")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            if (TagValue(tags, "rcu.domain.name") as string == name) lock (counterIds) counterIds.Add((long)TagValue(tags, "rcu.domain.id")!);
        });
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            if (TagValue(tags, "rcu.domain.name") as string == name) lock (histogramIds) histogramIds.Add((long)TagValue(tags, "rcu.domain.id")!);
        });
        listener.Start();
        first.Synchronize();
        second.Synchronize();
        listener.RecordObservableInstruments();

        lock (counterIds)
        lock (histogramIds)
        {
            Assert.Equal(2, counterIds.Count);
            Assert.Equal(counterIds.OrderBy(i => i), histogramIds.OrderBy(i => i));
        }

        // A disposed domain is no longer observed, and a new one never reuses its id.
        long secondId = counterIds.Max();
        second.Dispose();
        using var third = new RcuDomain(new RcuOptions { Name = name });
        lock (counterIds) counterIds.Clear();
        listener.RecordObservableInstruments();
        lock (counterIds)
        {
            Assert.Equal(2, counterIds.Count);
            Assert.DoesNotContain(secondId, counterIds);
            Assert.True(counterIds.Max() > secondId);
        }
    }

    private static object? TagValue(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (KeyValuePair<string, object?> tag in tags)
            if (tag.Key == key) return tag.Value;
        return null;
    }
}
