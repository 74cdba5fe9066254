namespace RcuCollections.Benchmarks.Cli;

/// <summary>The usage text.</summary>
public static class Usage
{
    /// <summary>Gets the usage text.</summary>
    public const string Text = """
        Usage: dotnet run -c Release --project Benchmarks -- <command> [options]

        Commands:
          quick                 Headline table: every component against its baseline, measured in the same run
                                (under 2 minutes on 2 cores). Options: --duration (per variant, default 200ms),
                                --runs (default 5), --filter (component names), --out, --no-files.
          scaling               Full multi-threaded sweeps of every scaling case. Options: --threads 1,2,4
                                (default 1..ProcessorCount), --writes 0,0.01 (write fractions, default 0,0.01),
                                --duration (default 1s), --warmup (default 200ms), --runs (default 3),
                                --latency N|off (sample one op in N, default 1024), --filter 'glob', --out, --no-files.
          seed                  The seed claims B1-B7 on the pre-patch port and on RcuDomain (a few minutes).
                                Options: --readers N (default ProcessorCount-1, at least 1), --samples N (default 10),
                                --duration (loop window of B5-B7, default 1s), --filter B1,B3, --out, --no-files.
          b1 .. b7              One seed claim (same options as seed).
          bdn [args]            BenchmarkDotNet suites; every argument goes to BenchmarkSwitcher
                                (e.g. bdn --filter '*ReadSide*' --job short); they run in process. A first
                                argument that is an option (--filter ...) means bdn too.
          smoke                 CI check: runs every quick suite, scaling case and seed claim with tiny durations
                                (proves they run; measures nothing; under 60 s). Writes no files.
          soak                  Every collection under mixed load on its own RCU domains, with thread churn,
                                throwing callbacks/comparers/listeners, cancelled waits and domain teardowns;
                                invariants checked throughout, heap sampled every 10 s. Options: --minutes N or
                                --seconds N (default 1 minute). Exit code 0 only with no violation, no lost
                                callback and a flat heap.
          help                  This text.

        Results go to bench-results/ (CSV, PNG charts, seed.md) unless --out or --no-files says otherwise.
        """;
}
