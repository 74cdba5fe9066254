using System.Globalization;
using RcuCollections.Benchmarks.Soak;

namespace RcuCollections.Benchmarks.Cli;

/// <summary>
/// The <c>soak</c> command: every collection under mixed load on domains of its own, with thread churn, throwing
/// user code, cancelled waits and generation turnovers, invariants checked throughout, and a heap series. See
/// <c>docs/benchmarks/harness.md</c>.
/// </summary>
public static class SoakCommand
{
    /// <summary>Parses <c>--minutes N</c> or <c>--seconds N</c> (default: 1 minute).</summary>
    /// <param name="args">The arguments after the command word.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="CommandLineException">An unknown option, a missing or bad value, or both options.</exception>
    public static SoakSettings Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        TimeSpan? duration = null;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (name is not ("--minutes" or "--seconds"))
                throw new CommandLineException($"Unknown option '{name}' (soak takes --minutes N or --seconds N).");
            if (duration is not null)
                throw new CommandLineException("soak takes one of --minutes and --seconds, once.");
            if (i + 1 >= args.Count)
                throw new CommandLineException($"Option {name} needs a value.");
            string text = args[++i];
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value) || value <= 0)
                throw new CommandLineException($"{name}: '{text}' is not a positive number.");
            duration = name == "--minutes" ? TimeSpan.FromMinutes(value) : TimeSpan.FromSeconds(value);
            if (duration > TimeSpan.FromDays(1))
                throw new CommandLineException($"{name}: '{text}' is more than a day.");
        }
        return new SoakSettings { Duration = duration ?? SoakSettings.DefaultDuration };
    }

    /// <summary>Runs the soak and prints to <paramref name="output"/>; the entry point the tests call.</summary>
    /// <param name="settings">Durations and sizes.</param>
    /// <param name="output">Where the progress lines and the summary go.</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    /// <returns>The report (its <see cref="SoakReport.ExitCode"/> is the command's exit code).</returns>
    public static SoakReport Run(SoakSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        var log = new SoakLog(output, settings.MaxPrinted);
        return new SoakRunner(settings, log).Run(cancellationToken);
    }

    /// <summary>Runs the command from the command line.</summary>
    /// <param name="args">The arguments after the command word.</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    /// <returns>0 with no violation, no lost callback and a flat heap; 1 otherwise; 130 when interrupted.</returns>
    public static int Run(IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        Run(Parse(args), Console.Out, cancellationToken).ExitCode;
}
