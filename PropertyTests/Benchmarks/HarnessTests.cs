using RcuCollections.Benchmarks.Cli;
using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Tests.Benchmarks;

/// <summary>The harness's arithmetic and parsing, which every reported figure goes through.</summary>
public sealed class HarnessTests
{
    [Fact]
    public void Histogram_percentiles_are_within_its_bucket_error_and_the_max_is_exact()
    {
        var h = new LatencyHistogram();
        for (int i = 1; i <= 10_000; i++)
            h.Record(i * 10L);
        Assert.Equal(10_000, h.Count);
        Assert.Equal(100_000, h.Max);
        Assert.Equal(10, h.Min);
        Assert.InRange(h.ValueAtQuantile(0.50), 50_000 * 0.967, 50_000 * 1.033);
        Assert.InRange(h.ValueAtQuantile(0.99), 99_000 * 0.967, 99_000 * 1.033);
        Assert.Equal(100_000, h.ValueAtQuantile(1.0));
    }

    [Fact]
    public void Histogram_is_exact_below_64_ns_and_merges()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        a.Record(5);
        b.Record(7);
        b.Record(63);
        a.Merge(b);
        Assert.Equal(3, a.Count);
        Assert.Equal(7, a.ValueAtQuantile(0.5));
        Assert.Equal(63, a.Max);
        Assert.Equal(5, a.Min);
    }

    [Fact]
    public void Summaries_of_exact_samples_use_nearest_rank()
    {
        LatencySummary s = LatencySummary.FromSamples([5, 1, 4, 2, 3]);
        Assert.Equal(5, s.Count);
        Assert.Equal(3, s.P50);
        Assert.Equal(5, s.P99);
        Assert.Equal(5, s.Max);
        Assert.Equal(0, LatencySummary.FromSamples([]).Count);
    }

    [Fact]
    public void Run_statistics_give_median_min_max()
    {
        RunStatistics s = RunStatistics.Of([3, 1, 2, 10]);
        Assert.Equal(2.5, s.Median);
        Assert.Equal(1, s.Min);
        Assert.Equal(10, s.Max);
        Assert.Equal(4, s.Count);
    }

    [Fact]
    public void Options_parse_lists_durations_and_filters()
    {
        BenchmarkOptions o = BenchmarkOptions.Parse(["--threads", "1,2,4", "--writes", "0,1%", "--duration", "500ms", "--runs", "3",
            "--latency", "off", "--filter", "engine*", "--filter", "B1,B3", "--out", "x", "--readers", "2"]);
        Assert.Equal([1, 2, 4], o.Threads);
        Assert.Equal([0, 0.01], o.Writes);
        Assert.Equal(TimeSpan.FromMilliseconds(500), o.Duration);
        Assert.Equal(3, o.Runs);
        Assert.Equal(0, o.LatencySampleInterval);
        Assert.Equal(["engine*", "B1", "B3"], o.Filters);
        Assert.Equal("x", o.OutputFolder);
        Assert.Equal(2, o.Readers);
    }

    [Theory]
    [InlineData("--threads", "0")]
    [InlineData("--threads", "a")]
    [InlineData("--writes", "2")]
    [InlineData("--duration", "soon")]
    [InlineData("--duration", "0")]
    [InlineData("--bogus", "1")]
    public void Bad_options_are_command_line_errors(string option, string value) =>
        Assert.Throws<CommandLineException>(() => BenchmarkOptions.Parse([option, value]));

    [Fact]
    public void An_option_without_its_value_is_an_error() =>
        Assert.Throws<CommandLineException>(() => BenchmarkOptions.Parse(["--threads"]));

    [Fact]
    public void Name_filters_match_globs_and_substrings_case_insensitively()
    {
        var f = new NameFilter(["engine-*/rcu*", "rwls"]);
        Assert.True(f.Matches("engine-pointer/rcu-fqs"));
        Assert.True(f.Matches("ENGINE-pointer/RWLS"));
        Assert.False(f.Matches("engine-pointer/lock"));
        Assert.True(NameFilter.All.Matches("anything"));
    }

    [Fact]
    public void Measured_thread_group_counts_every_threads_operations_inside_the_window()
    {
        using var workload = new CountingWorkload();
        MeasuredRunResult r = MeasuredThreadGroup.Run(workload, threads: 2, operationsPerBatch: 64,
            new MeasuredRunSettings(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(300), LatencySampleInterval: 8));
        Assert.Equal(2, r.Threads);
        Assert.True(r.Operations > 0);
        Assert.True(r.OperationsPerSecond > 0);
        Assert.True(r.Latency.Count > 0);
        Assert.Equal(2, workload.WorkerThreads.Distinct().Count()); // each worker was created on its own thread
        Assert.True(workload.Executed >= r.Operations);
    }

    [Fact]
    public void A_failing_worker_fails_the_run_instead_of_hanging()
    {
        using var workload = new CountingWorkload { FailOnCreate = true };
        Assert.Throws<AggregateException>(() => MeasuredThreadGroup.Run(workload, threads: 2, operationsPerBatch: 64,
            new MeasuredRunSettings(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20), LatencySampleInterval: 0)));
    }

    private sealed class CountingWorkload : IScalingWorkload
    {
        private long _executed;

        public bool FailOnCreate { get; init; }

        public List<int> WorkerThreads { get; } = [];

        public long Executed => Interlocked.Read(ref _executed);

        public IScalingWorker CreateWorker(int threadIndex)
        {
            if (FailOnCreate)
                throw new InvalidOperationException("worker set-up failed");
            lock (WorkerThreads)
                WorkerThreads.Add(Environment.CurrentManagedThreadId);
            return new Worker(this);
        }

        public void Dispose()
        {
        }

        private sealed class Worker(CountingWorkload owner) : IScalingWorker
        {
            public void Execute(int operations) => Interlocked.Add(ref owner._executed, operations);
        }
    }
}
