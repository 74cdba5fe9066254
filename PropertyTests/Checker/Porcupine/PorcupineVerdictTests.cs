using System.Diagnostics;
using System.Globalization;
using RcuCollections.Linearizability;
using RcuCollections.Tests.Support;
using Xunit.Abstractions;

namespace RcuCollections.Tests.Checker.Porcupine;

/// <summary>
/// Validates the checker on histories no one here wrote: Jepsen's etcd logs and Porcupine's key-value histories, with
/// the verdicts Porcupine's own tests assert (PropertyTests/TestData/Porcupine/verdicts.tsv, vendored with its MIT licence). Every verdict must agree, and
/// every file must be decided within one second of checker time.
/// </summary>
public sealed class PorcupineVerdictTests(ITestOutputHelper output)
{
    private static readonly TimeSpan PerFileBound = TimeSpan.FromSeconds(1);

    /// <summary>Generous: only there so that a regression cannot hang the suite; the bound above is what is asserted.</summary>
    private static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public void Every_Porcupine_verdict_agrees_and_each_file_is_decided_within_one_second()
    {
        // Vendored in the repository (PropertyTests/TestData/Porcupine, MIT): a missing folder is a failure, never a skip.
        string folder = Path.Combine(RepoPaths.Root, "PropertyTests", "TestData", "Porcupine");
        Assert.True(Directory.Exists(folder), $"{folder} does not exist: the vendored Porcupine histories are missing.");

        string[] lines = File.ReadAllLines(Path.Combine(folder, "verdicts.tsv"));
        Assert.Equal("file\tlinearizable", lines[0]);

        var timings = new List<(string File, TimeSpan Time, CheckOutcome Outcome, int Operations)>();
        var failures = new List<string>();
        foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
        {
            string[] columns = line.Split('\t');
            string file = columns[0];
            bool expected = bool.Parse(columns[1]);
            string path = Path.Combine(folder, file);

            var stopwatch = Stopwatch.StartNew();
            CheckResult result = file.StartsWith("jepsen/", StringComparison.Ordinal)
                ? LinearizabilityChecker.Check(new EtcdModel(), EtcdLogParser.Parse(path), SafetyTimeout)
                : LinearizabilityChecker.Check(new KvModel(), KvLogParser.Parse(path), SafetyTimeout);
            stopwatch.Stop();

            timings.Add((file, result.Elapsed, result.Outcome, result.OperationCount));
            CheckOutcome wanted = expected ? CheckOutcome.Ok : CheckOutcome.Illegal;
            if (result.Outcome != wanted)
            {
                failures.Add($"{file}: expected {wanted}, got {result.Outcome} ({result.OperationCount} operations)");
            }

            // The time bound is Release-only (BuildFlavor): an unoptimised Debug checker is several times slower.
            if (BuildFlavor.MeasuresAllocations && result.Elapsed > PerFileBound)
            {
                failures.Add($"{file}: decided in {Ms(result.Elapsed)}, over the bound of {PerFileBound.TotalSeconds} s");
            }
        }

        Assert.Equal(108, timings.Count);
        output.WriteLine($"{timings.Count} files; total checker time {timings.Sum(t => t.Time.TotalMilliseconds).ToString("0.0", CultureInfo.InvariantCulture)} ms. Slowest:");
        foreach (var (file, time, outcome, operations) in timings.OrderByDescending(t => t.Time).Take(5))
        {
            output.WriteLine($"  {file,-22} {operations,5} ops  {outcome,-8} {Ms(time)}");
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture) + " ms";
}
