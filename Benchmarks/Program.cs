using RcuCollections.Benchmarks.Cli;
using RcuCollections.Benchmarks.Harness;

namespace RcuCollections.Benchmarks;

/// <summary>
/// Entry point: <c>quick</c>, <c>scaling</c>, <c>seed</c>, <c>b1</c>..<c>b7</c>, <c>bdn</c>, <c>smoke</c>, <c>soak</c>
/// (see <see cref="Usage"/>). A first argument that is an option (<c>--filter ...</c>) goes to BenchmarkDotNet, as <c>bdn</c>.
/// Exit codes: 0 success, 1 a benchmark failed (or the soak found a problem), 2 a command line that cannot be understood, 130 interrupted.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h" or "-?")
        {
            Console.WriteLine(Usage.Text);
            return args.Length == 0 ? 2 : 0;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // First Ctrl+C: stop at the next check and still print what was measured; a second one kills.
            if (!cancellation.IsCancellationRequested)
            {
                e.Cancel = true;
                cancellation.Cancel();
            }
        };

        string command = args[0].ToLowerInvariant();
        string[] rest = args[1..];
        string commandLine = "dotnet run -c Release --project Benchmarks -- " + string.Join(' ', args.Select(QuoteIfNeeded));
        try
        {
            return command switch
            {
                "quick" => QuickCommand.Run(BenchmarkOptions.Parse(rest), commandLine, cancellation.Token),
                "scaling" => ScalingCommand.Run(BenchmarkOptions.Parse(rest), commandLine, cancellation.Token),
                "seed" => SeedCommand.Run(BenchmarkOptions.Parse(rest), onlyClaim: null, commandLine, cancellation.Token),
                "b1" or "b2" or "b3" or "b4" or "b5" or "b6" or "b7" =>
                    SeedCommand.Run(BenchmarkOptions.Parse(rest), command.ToUpperInvariant(), commandLine, cancellation.Token),
                "bdn" => BenchmarkDotNetRunner.Run(rest),
                _ when command.StartsWith('-') => BenchmarkDotNetRunner.Run(args), // BenchmarkSwitcher's own convention
                "smoke" => rest.Length == 0 ? SmokeCommand.Run(cancellation.Token) : throw new CommandLineException("smoke takes no options."),
                "soak" => SoakCommand.Run(rest, cancellation.Token),
                _ => throw new CommandLineException($"Unknown command '{args[0]}'."),
            };
        }
        catch (CommandLineException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine();
            Console.Error.WriteLine(Usage.Text);
            return 2;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("Interrupted.");
            return 130;
        }
    }

    private static string QuoteIfNeeded(string arg) =>
        arg.Length == 0 || arg.AsSpan().IndexOfAny(" *?'\"$") >= 0 ? "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'" : arg;
}
