using System.Runtime;
using System.Runtime.InteropServices;

namespace RcuCollections.Benchmarks.Harness;

/// <summary>The machine line printed with every result: CPU, cores, OS, .NET version and GC mode.</summary>
/// <param name="Cpu">CPU model (from /proc/cpuinfo where present, else the architecture).</param>
/// <param name="LogicalCores">Logical processors available to the process.</param>
/// <param name="OperatingSystem">OS description.</param>
/// <param name="Runtime">.NET runtime description.</param>
/// <param name="GcMode">Workstation or server, concurrent or not, and the latency mode.</param>
public sealed record MachineInfo(string Cpu, int LogicalCores, string OperatingSystem, string Runtime, string GcMode)
{
    /// <summary>Describes the current machine and process.</summary>
    /// <returns>The description.</returns>
    public static MachineInfo Current()
    {
        string gc = (GCSettings.IsServerGC ? "Server" : "Workstation")
            + (IsConcurrentGc() ? ", concurrent" : ", non-concurrent")
            + $", {GCSettings.LatencyMode}";
        return new MachineInfo(
            ReadCpuModel() ?? RuntimeInformation.ProcessArchitecture.ToString(),
            Environment.ProcessorCount,
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            gc);
    }

    /// <summary>Formats the line, for example "Intel Xeon @ 2.50GHz, 2 logical cores, Debian 12, .NET 10.0.12, GC Workstation, concurrent".</summary>
    /// <returns>The machine line.</returns>
    public override string ToString() =>
        $"{Cpu}, {LogicalCores} logical cores, {OperatingSystem}, {Runtime}, {RuntimeInformation.ProcessArchitecture}, GC {GcMode}";

    private static bool IsConcurrentGc() =>
        AppContext.GetData("System.GC.Concurrent") is not bool concurrent || concurrent;

    private static string? ReadCpuModel()
    {
        const string path = "/proc/cpuinfo";
        try
        {
            if (!File.Exists(path))
                return null;
            foreach (string line in File.ReadLines(path))
            {
                // x86 says "model name", some ARM kernels say "Model" or only "CPU part".
                if (line.StartsWith("model name", StringComparison.Ordinal) || line.StartsWith("Model", StringComparison.Ordinal))
                {
                    int colon = line.IndexOf(':');
                    if (colon >= 0)
                        return line[(colon + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }
}
