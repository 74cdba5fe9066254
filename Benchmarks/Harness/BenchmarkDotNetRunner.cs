using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace RcuCollections.Benchmarks.Harness;

/// <summary>
/// The <c>bdn</c> command: BenchmarkDotNet over every benchmark class of this assembly. All arguments go to
/// <see cref="BenchmarkSwitcher"/> (its own <c>--filter</c>, <c>--job</c>, <c>--inProcess</c>, ...), so nothing here
/// needs to change when a component adds a class. Results land in BenchmarkDotNet.Artifacts/ (git-ignored).
/// </summary>
/// <remarks>
/// Benchmarks run in process (<c>--inProcess</c> is added unless given): BenchmarkDotNet's default out-of-process
/// toolchain looks for a project file named after the assembly (RcuCollections.Benchmarks.csproj) and cannot find
/// Benchmarks/Benchmarks.csproj; in process it also needs no SDK, so the same command works in a self-contained
/// publish (see docs/benchmarks/harness.md, "Running on a machine without .NET").
/// </remarks>
public static class BenchmarkDotNetRunner
{
    /// <summary>Runs BenchmarkDotNet.</summary>
    /// <param name="args">The arguments after <c>bdn</c>.</param>
    /// <returns>0 when every selected benchmark ran, 1 otherwise.</returns>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        // Without --filter the switcher would prompt on the console; CI and scripts have no one to answer.
        if (!args.Any(a => a is "--filter" or "-f" or "--list" or "--help" or "-h") && Console.IsInputRedirected)
            args = [.. args, "--filter", "*"];
        if (!args.Any(a => a.Equals("--inProcess", StringComparison.OrdinalIgnoreCase) || a == "-i"))
            args = [.. args, "--inProcess"];
        IConfig config = DefaultConfig.Instance;
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarkDotNetRunner).Assembly).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
