using System.Globalization;
using RcuCollections.Benchmarks.Dictionary;
using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks.Quick;

/// <summary>
/// RcuDictionary's headline rows (issue 5), each against its baseline measured in the same run: reads of hot and of
/// random keys, 90/10, 50/50 and add-only against ConcurrentDictionary (90/10 also against NonBlocking), reads
/// against Dictionary + ReaderWriterLockSlim, memory per int→int entry and allocation per churn operation. Throughput
/// is measured at ProcessorCount threads and at 1 thread, in interleaved rounds over the scaling cases' workloads.
/// </summary>
/// <remarks>
/// Budget (~20 s at the default 200 ms × 5 rounds): each variant gets half the quick window, 23 variants × 6 rounds,
/// plus building the two 1M maps once (their build doubles as the memory probe) and the churn probe.
/// </remarks>
public sealed class DictionaryQuickSuite : IQuickSuite
{
    private const string ComponentName = "Dictionary";
    private const string Concurrent = "ConcurrentDictionary";

    /// <inheritdoc />
    public string Component => ComponentName;

    /// <inheritdoc />
    public int Order => 10; // after the engine it is built on

    /// <inheritdoc />
    public IReadOnlyList<QuickRow> Run(QuickSuiteContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var run = new SuiteRun(context);
        var rows = new List<QuickRow>();
        rows.AddRange(run.HotReads());
        rows.AddRange(run.InstanceSpread());
        rows.AddRange(run.Mixes());
        rows.AddRange(run.AddOnly());
        rows.AddRange(run.RandomReadsAndMemory());
        rows.Add(run.ChurnAllocation());
        return rows;
    }

    private sealed class SuiteRun(QuickSuiteContext context)
    {
        private readonly bool _smoke = context.IsSmoke;
        private readonly TimeSpan _window = context.IsSmoke ? context.MeasurementDuration : context.MeasurementDuration / 2;
        private readonly int[] _threads = Environment.ProcessorCount > 1 ? [Environment.ProcessorCount, 1] : [1];
        private readonly int _hotKeys = context.IsSmoke ? 64 : HotReadCase<RcuBenchMap>.Keys;
        private readonly int _randomKeys = context.IsSmoke ? 4096 : RandomReadCase<RcuBenchMap>.Keys;
        private readonly int _mixKeys = context.IsSmoke ? 256 : 1 << 16;

        public IEnumerable<QuickRow> HotReads()
        {
            context.Progress.Detail("reads, hot keys");
            var rcu = ReadMixWorkload<RcuBenchMap>.Filled(_hotKeys, 0);
            var cd = ReadMixWorkload<ConcurrentBenchMap>.Filled(_hotKeys, 0);
            var rwls = ReadMixWorkload<LockedBenchMap>.Filled(_hotKeys, 0);
            var measurement = new InterleavedMeasurement();
            foreach (int t in _threads)
            {
                Add(measurement, "rcu", t, rcu);
                Add(measurement, "cd", t, cd);
            }
            int most = _threads[0];
            Add(measurement, "rwls", most, rwls);
            IReadOnlyDictionary<string, RunStatistics> mops = Measure(measurement);
            string keys = Keys(_hotKeys);
            string shape = ShapeNote(rcu.Map.Map);
            foreach (int t in _threads)
                yield return WithShape(Throughput($"reads, {keys} hot keys", t, mops, "rcu", "cd", Concurrent, 1.0), shape);
            yield return Throughput($"reads, {keys} hot keys", most, mops, "rcu", "rwls", "Dictionary + ReaderWriterLockSlim", 10);
        }

        /// <summary>Hot reads over fresh instances and key patterns: does speed depend on the instance's multiplier draw?</summary>
        public IEnumerable<QuickRow> InstanceSpread()
        {
            context.Progress.Detail("hot reads: spread over fresh instances and key patterns");
            int instances = _smoke ? 1 : 10;
            IReadOnlyList<InstanceSpreadProbe.InstanceResult> results = InstanceSpreadProbe.Run(
                _hotKeys, instances, _smoke ? TimeSpan.FromMilliseconds(2) : TimeSpan.FromMilliseconds(15), context.CancellationToken);
            InstanceSpreadProbe.InstanceResult worst = results[0], median = results[results.Count / 2];
            string what = $"reads, {Keys(_hotKeys)} hot int keys, 1 thread, {results.Count} fresh instances (keys i, 7i, 8i, 1024i, random)";
            string note = $"best of 3 same-run ratios per instance; slowest: {worst.Note}; fastest: {results[^1].Note} at {results[^1].Ratio:F2}x";
            yield return new QuickRow(ComponentName, $"{what}: worst instance", worst.Ratio, "x", $"{Concurrent} (same keys, same run) = 1", 1.0, LowerIsBetter: false, "≥ 0.8x")
            { TargetMet = _smoke ? null : worst.Ratio >= 0.8, Note = note };
            yield return new QuickRow(ComponentName, $"{what}: median instance", median.Ratio, "x", $"{Concurrent} (same keys, same run) = 1", 1.0, LowerIsBetter: false, "≥ 1.0x")
            { TargetMet = _smoke ? null : median.Ratio >= 1.0, Note = $"median: {median.Note}" };
        }

        public IEnumerable<QuickRow> Mixes()
        {
            context.Progress.Detail("90/10 and 50/50");
            RcuBenchMap rcuMap = BenchMaps.CreateFilled<RcuBenchMap>(_mixKeys);
            ConcurrentBenchMap cdMap = BenchMaps.CreateFilled<ConcurrentBenchMap>(_mixKeys);
            NonBlockingBenchMap nbMap = BenchMaps.CreateFilled<NonBlockingBenchMap>(_mixKeys);
            var measurement = new InterleavedMeasurement();
            foreach (int t in _threads)
            {
                Add(measurement, "rcu-90", t, new ReadMixWorkload<RcuBenchMap>(rcuMap, _mixKeys, 0.1));
                Add(measurement, "cd-90", t, new ReadMixWorkload<ConcurrentBenchMap>(cdMap, _mixKeys, 0.1));
                Add(measurement, "nb-90", t, new ReadMixWorkload<NonBlockingBenchMap>(nbMap, _mixKeys, 0.1));
                Add(measurement, "rcu-50", t, new ReadMixWorkload<RcuBenchMap>(rcuMap, _mixKeys, 0.5));
                Add(measurement, "cd-50", t, new ReadMixWorkload<ConcurrentBenchMap>(cdMap, _mixKeys, 0.5));
            }
            IReadOnlyDictionary<string, RunStatistics> mops = Measure(measurement);
            string keys = Keys(_mixKeys);
            foreach (int t in _threads)
            {
                yield return Throughput($"90% reads / 10% sets, {keys} keys", t, mops, "rcu-90", "cd-90", Concurrent, 1.0);
                yield return Throughput($"90% reads / 10% sets, {keys} keys", t, mops, "rcu-90", "nb-90", "NonBlocking.ConcurrentDictionary", 1.0);
                yield return Throughput($"50% reads / 50% sets, {keys} keys", t, mops, "rcu-50", "cd-50", Concurrent, 0.9);
            }
        }

        public IEnumerable<QuickRow> AddOnly()
        {
            context.Progress.Detail("add-only");
            var measurement = new InterleavedMeasurement();
            foreach (int t in _threads)
            {
                measurement.Add(Name("rcu", t), d => AddOnlyRate<RcuBenchMap>(t, d));
                measurement.Add(Name("cd", t), d => AddOnlyRate<ConcurrentBenchMap>(t, d));
            }
            IReadOnlyDictionary<string, RunStatistics> mops = Measure(measurement);
            foreach (int t in _threads)
                yield return Throughput("add-only, distinct keys from empty (growth included)", t, mops, "rcu", "cd", Concurrent, 0.9);
        }

        public IEnumerable<QuickRow> RandomReadsAndMemory()
        {
            context.Progress.Detail("building the random-key maps (memory per entry)");
            // Built once for all rounds; the build from empty is also the memory probe.
            RcuBenchMap rcuMap = MemoryPerEntryProbe.Build<RcuBenchMap>(_randomKeys, out double rcuBytes);
            ConcurrentBenchMap cdMap = MemoryPerEntryProbe.Build<ConcurrentBenchMap>(_randomKeys, out double cdBytes);
            context.Progress.Detail("reads, random keys");
            var measurement = new InterleavedMeasurement();
            foreach (int t in _threads)
            {
                Add(measurement, "rcu", t, new ReadMixWorkload<RcuBenchMap>(rcuMap, _randomKeys, 0));
                Add(measurement, "cd", t, new ReadMixWorkload<ConcurrentBenchMap>(cdMap, _randomKeys, 0));
            }
            IReadOnlyDictionary<string, RunStatistics> mops = Measure(measurement);
            string keys = Keys(_randomKeys);
            string shape = ShapeNote(rcuMap.Map);
            foreach (int t in _threads)
                yield return WithShape(Throughput($"reads, {keys} random keys", t, mops, "rcu", "cd", Concurrent, 1.3), shape);
            yield return new QuickRow(ComponentName, $"memory per int→int entry, {keys} entries grown from empty", rcuBytes, "B/entry",
                Concurrent, cdBytes, LowerIsBetter: true, "≤ 0.5x the baseline")
            { TargetMet = Judge(rcuBytes <= 0.5 * cdBytes), Note = "GC.GetTotalMemory deltas, forced collections, after an RCU barrier" };
            GC.KeepAlive(rcuMap.Map);
            GC.KeepAlive(cdMap);
        }

        public QuickRow ChurnAllocation()
        {
            context.Progress.Detail("allocation in add/remove churn");
            int operations = _smoke ? 1_000 : 200_000;
            int maxWarmup = _smoke ? 1 : 20;
            double rcu = ChurnAllocationProbe.BytesPerOperation<RcuBenchMap>(ChurnCase<RcuBenchMap>.Keys, operations, maxWarmup, out int rcuWarmup);
            double cd = ChurnAllocationProbe.BytesPerOperation<ConcurrentBenchMap>(ChurnCase<ConcurrentBenchMap>.Keys, operations, maxWarmup, out _);
            return new QuickRow(ComponentName, $"allocated bytes per op, steady remove/add churn over {Keys(ChurnCase<RcuBenchMap>.Keys)} keys, 1 thread",
                rcu, "B/op", Concurrent, cd, LowerIsBetter: true, "0 B/op")
            {
                TargetMet = Judge(rcu == 0),
                Note = string.Create(CultureInfo.InvariantCulture,
                    $"{operations:N0} ops measured after {rcuWarmup} warm-up round(s) (stops at the first that allocates 0), default domain"),
            };
        }

        private void Add(InterleavedMeasurement measurement, string variant, int threads, IScalingWorkload workload) =>
            measurement.Add(Name(variant, threads), d => WorkloadRate.MillionsPerSecond(workload, threads, d, context.CancellationToken));

        private static double AddOnlyRate<TMap>(int threads, TimeSpan window) where TMap : struct, IBenchMap<TMap>
        {
            // Each measurement grows a fresh map; the previous one is collected first so its garbage does not bill this one.
            GC.Collect();
            using var workload = new AddOnlyWorkload<TMap>(threads);
            return WorkloadRate.MillionsPerSecond(workload, threads, window);
        }

        private IReadOnlyDictionary<string, RunStatistics> Measure(InterleavedMeasurement measurement) =>
            measurement.Run(_window, context.Runs, context.Progress, context.CancellationToken);

        private QuickRow Throughput(string metric, int threads, IReadOnlyDictionary<string, RunStatistics> mops,
            string variant, string baseline, string baselineName, double targetRatio)
        {
            double value = mops[Name(variant, threads)].Median, baselineValue = mops[Name(baseline, threads)].Median;
            return new QuickRow(ComponentName, $"{metric}, {threads} thread{(threads == 1 ? "" : "s")}", value, "Mops/s",
                baselineName, baselineValue, LowerIsBetter: false, string.Create(CultureInfo.InvariantCulture, $"≥ {targetRatio:0.0#}x"))
            {
                TargetMet = Judge(value >= targetRatio * baselineValue),
                Note = $"median of {context.Runs} interleaved rounds, {WorkloadRate.ClockName(threads)}",
            };
        }

        private bool? Judge(bool met) => _smoke ? null : met;

        /// <summary>
        /// The probe lengths of the map measured: with sequential keys they depend on the instance's random multiplier (a
        /// second probe is a mispredicted branch), so they explain part of the spread between runs.
        /// </summary>
        private static string ShapeNote(RcuDictionary<int, int> map)
        {
            RcuDictionaryDiagnostics shape = map.GetDiagnostics();
            return string.Create(CultureInfo.InvariantCulture, $"RcuDictionary mean probe {shape.MeanProbe:F3}, longest {shape.LongestProbe}");
        }

        private static QuickRow WithShape(QuickRow row, string shape) => row with { Note = $"{row.Note}; {shape}" };

        private static string Name(string variant, int threads) => $"{variant}-t{threads}";

        private static string Keys(int count) => count.ToString("N0", CultureInfo.InvariantCulture);
    }
}
