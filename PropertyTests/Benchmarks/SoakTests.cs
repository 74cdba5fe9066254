using RcuCollections.Benchmarks.Cli;
using RcuCollections.Benchmarks.Soak;

namespace RcuCollections.Tests.Benchmarks;

/// <summary>The <c>soak</c> command: a short in-process run, its command line, and its verdict rules.</summary>
public sealed class SoakTests
{
    [Fact]
    public void A_three_second_soak_finds_no_violation_and_no_lost_callback()
    {
        using var output = new StringWriter();
        SoakReport report = SoakCommand.Run(new SoakSettings { Duration = TimeSpan.FromSeconds(3) }, output, CancellationToken.None);

        // The whole log goes into every message: it names the invariant and shows the values that broke it.
        string log = output.ToString();
        Assert.True(report.Operations > 0, log);
        Assert.True(report.Generations >= 3, log); // the teardown path (Barrier, Clear, map and domain Dispose) ran
        Assert.True(report.Threads > 10, log);     // the thread churn ran
        Assert.False(report.Hung, log);
        Assert.True(report.Violations == 0, log);
        Assert.True(report.LostCallbacks == 0, log);
        // The heap verdict is not asserted: three seconds give no samples (the rule needs 30 s or more).
    }

    [Fact]
    public void The_command_line_takes_minutes_or_seconds_and_defaults_to_one_minute()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), SoakCommand.Parse([]).Duration);
        Assert.Equal(TimeSpan.FromMinutes(2), SoakCommand.Parse(["--minutes", "2"]).Duration);
        Assert.Equal(TimeSpan.FromSeconds(5), SoakCommand.Parse(["--seconds", "5"]).Duration);
        Assert.Equal(TimeSpan.FromSeconds(30), SoakCommand.Parse(["--minutes", "0.5"]).Duration);
    }

    [Theory]
    [InlineData("--minutes")]
    [InlineData("--minutes", "0")]
    [InlineData("--seconds", "soon")]
    [InlineData("--minutes", "1", "--seconds", "5")]
    [InlineData("--duration", "5")]
    public void Bad_soak_options_are_command_line_errors(params string[] args) =>
        Assert.Throws<CommandLineException>(() => SoakCommand.Parse(args));

    [Fact]
    public void A_short_run_compares_the_last_sample_with_the_first_after_the_warm_up()
    {
        // The warm-up sample (50 MB) never counts.
        HeapVerdict flat = HeapVerdict.Evaluate([Sample(10, 50), Sample(20, 100), Sample(30, 104), Sample(60, 109)], TimeSpan.FromMinutes(1));
        Assert.True(flat.Flat, flat.Explanation);
        Assert.Contains("under 2 minutes", flat.Explanation, StringComparison.Ordinal);

        HeapVerdict grew = HeapVerdict.Evaluate([Sample(10, 50), Sample(20, 100), Sample(60, 111)], TimeSpan.FromMinutes(1));
        Assert.False(grew.Flat, grew.Explanation);
    }

    [Fact]
    public void A_long_run_compares_the_last_minutes_mean_with_the_first_minutes()
    {
        var samples = new List<HeapSample>();
        for (int t = 10; t <= 180; t += 10)
            samples.Add(Sample(t, t <= 60 ? 100 : t > 120 ? 108 : 300)); // the middle minute does not count
        HeapVerdict flat = HeapVerdict.Evaluate(samples, TimeSpan.FromMinutes(3));
        Assert.True(flat.Flat, flat.Explanation);

        samples[^1] = Sample(180, 200); // last-minute mean: (108 * 5 + 200) / 6 ≈ 123 MB: +23 %
        Assert.False(HeapVerdict.Evaluate(samples, TimeSpan.FromMinutes(3)).Flat);
    }

    [Fact]
    public void A_heap_that_shrinks_is_no_leak_but_one_that_grows_past_ten_percent_is()
    {
        var samples = new List<HeapSample>();
        for (int t = 10; t <= 180; t += 10)
            samples.Add(Sample(t, t <= 60 ? 100 : 80)); // settles 20 % lower
        HeapVerdict shrank = HeapVerdict.Evaluate(samples, TimeSpan.FromMinutes(3));
        Assert.True(shrank.Flat, shrank.Explanation);
        Assert.Contains("shrank", shrank.Explanation, StringComparison.Ordinal);
        for (int i = 0; i < samples.Count; i++) if (samples[i].Seconds > 120) samples[i] = Sample(samples[i].Seconds, 111);
        Assert.False(HeapVerdict.Evaluate(samples, TimeSpan.FromMinutes(3)).Flat);
    }

    [Fact]
    public void Too_few_samples_are_not_a_flat_heap() =>
        Assert.False(HeapVerdict.Evaluate([Sample(10, 100), Sample(20, 100)], TimeSpan.FromSeconds(25)).Flat);

    [Fact]
    public void A_lost_disposal_is_counted_once_however_often_it_is_checked()
    {
        var log = new SoakLog(TextWriter.Null, maxPrinted: 0);
        var discrepancy = new Discrepancy();
        discrepancy.Check(log, expected: 10, actual: 8, "disposals");
        discrepancy.Check(log, expected: 10, actual: 8, "disposals");
        discrepancy.Check(log, expected: 12, actual: 9, "disposals");
        Assert.Equal(3, log.LostCallbacks);
        Assert.Equal(0, log.Violations);

        discrepancy.Check(log, expected: 12, actual: 14, "disposals"); // more ran than were due
        Assert.Equal(1, log.Violations);
    }

    private static HeapSample Sample(double seconds, long megabytes) => new(seconds, megabytes * 1024 * 1024);
}
