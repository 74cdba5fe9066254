namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>
/// <c>dotnet run -c Release --project Benchmarks -- dictionary [millisecondsPerCell] [maxThreads]</c>: the multi-threaded
/// comparison, memory per entry and allocation per churn operation, as Markdown (docs/benchmarks/dictionary.md).
/// </summary>
internal static class DictionaryCommand
{
    public static int Run(string[] args)
    {
        int ms = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 300;
        int maxThreads = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        int[] threads = Enumerable.Range(0, 31).Select(i => 1 << i).TakeWhile(t => t <= maxThreads).ToArray();
        Console.WriteLine($"# RcuDictionary comparison, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {ms} ms per cell");
        Console.WriteLine();
        DictionaryThroughput.Run(Console.Out, TimeSpan.FromMilliseconds(ms), threads);
        Console.WriteLine();
        Console.WriteLine("| map | bytes per int→int entry (1,000,000) | bytes per entry (2^20) | bytes allocated per churn op |");
        Console.WriteLine("|---|---|---|---|");
        foreach (string map in BenchMaps.Names)
        {
            Console.WriteLine($"| {map} | {DictionaryThroughput.BytesPerEntry(map, 1_000_000):F1} | {DictionaryThroughput.BytesPerEntry(map, 1 << 20):F1} | {DictionaryThroughput.AllocatedBytesPerChurnOperation(map):F2} |");
        }
        return 0;
    }
}
