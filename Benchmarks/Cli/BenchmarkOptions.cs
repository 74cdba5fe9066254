using System.Globalization;

namespace RcuCollections.Benchmarks.Cli;

/// <summary>
/// The options shared by the harness commands (<c>quick</c>, <c>scaling</c>, <c>seed</c>). Every option is optional;
/// each command applies its own defaults to the ones left unset.
/// </summary>
public sealed class BenchmarkOptions
{
    /// <summary>Gets the thread counts (<c>--threads 1,2,4</c>); null = 1..ProcessorCount.</summary>
    public IReadOnlyList<int>? Threads { get; private set; }

    /// <summary>Gets the write fractions (<c>--writes 0,0.01</c>); null = the command's default.</summary>
    public IReadOnlyList<double>? Writes { get; private set; }

    /// <summary>Gets the measuring window of one run (<c>--duration 1s</c>, <c>500ms</c>, or seconds).</summary>
    public TimeSpan? Duration { get; private set; }

    /// <summary>Gets the warm-up before each window (<c>--warmup 200ms</c>).</summary>
    public TimeSpan? Warmup { get; private set; }

    /// <summary>Gets the repetitions per point (<c>--runs 3</c>).</summary>
    public int? Runs { get; private set; }

    /// <summary>Gets the latency sampling interval (<c>--latency 1024</c>, <c>--latency off</c>); null = the command's default, 0 = off.</summary>
    public int? LatencySampleInterval { get; private set; }

    /// <summary>Gets the name filters (<c>--filter 'engine*' --filter B3</c>, or comma-separated).</summary>
    public IReadOnlyList<string> Filters { get; private set; } = [];

    /// <summary>Gets the output folder (<c>--out DIR</c>); default <c>bench-results</c>.</summary>
    public string OutputFolder { get; private set; } = "bench-results";

    /// <summary>Gets whether charts and CSV files are skipped (<c>--no-files</c>).</summary>
    public bool NoFiles { get; private set; }

    /// <summary>Gets the reader thread count of the seed claims (<c>--readers 2</c>).</summary>
    public int? Readers { get; private set; }

    /// <summary>Gets the sample count of the seed claims' latency experiments (<c>--samples 12</c>).</summary>
    public int? Samples { get; private set; }

    /// <summary>Parses the options that follow the command word.</summary>
    /// <param name="args">The arguments after the command.</param>
    /// <returns>The options.</returns>
    /// <exception cref="CommandLineException">An option is unknown, lacks its value, or has a bad value.</exception>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new BenchmarkOptions();
        var filters = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string Value()
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    throw new CommandLineException($"Option {name} needs a value.");
                return args[++i];
            }

            switch (name)
            {
                case "--threads":
                    options.Threads = ParseList(Value(), name, s => ParsePositiveInt(s, name));
                    break;
                case "--writes":
                    options.Writes = ParseList(Value(), name, s => ParseFraction(s, name));
                    break;
                case "--duration":
                    options.Duration = ParseDuration(Value(), name);
                    break;
                case "--warmup":
                    options.Warmup = ParseDuration(Value(), name, allowZero: true);
                    break;
                case "--runs":
                    options.Runs = ParsePositiveInt(Value(), name);
                    break;
                case "--latency":
                    string latency = Value();
                    options.LatencySampleInterval = latency is "off" or "0" ? 0 : ParsePositiveInt(latency, name);
                    break;
                case "--filter":
                    filters.AddRange(Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--out":
                    options.OutputFolder = Value();
                    break;
                case "--no-files":
                    options.NoFiles = true;
                    break;
                case "--readers":
                    options.Readers = ParsePositiveInt(Value(), name);
                    break;
                case "--samples":
                    options.Samples = ParsePositiveInt(Value(), name);
                    break;
                default:
                    throw new CommandLineException($"Unknown option '{name}'.");
            }
        }
        options.Filters = filters;
        return options;
    }

    /// <summary>Parses "2s", "500ms", "250us", "1.5" (seconds) or "0:00:02".</summary>
    /// <param name="text">The text.</param>
    /// <param name="option">The option name, for the message.</param>
    /// <param name="allowZero">Whether zero is acceptable.</param>
    /// <returns>The duration.</returns>
    public static TimeSpan ParseDuration(string text, string option, bool allowZero = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        (string number, double scale) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => (text[..^2], 1e-3),
            _ when text.EndsWith("us", StringComparison.OrdinalIgnoreCase) => (text[..^2], 1e-6),
            _ when text.EndsWith("µs", StringComparison.Ordinal) => (text[..^2], 1e-6),
            _ when text.EndsWith('s') => (text[..^1], 1.0),
            _ when text.EndsWith('m') => (text[..^1], 60.0),
            _ => (text, 1.0),
        };
        TimeSpan result;
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
            result = TimeSpan.FromSeconds(value * scale);
        else if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out result))
            throw new CommandLineException($"{option}: '{text}' is not a duration (examples: 2s, 500ms, 1.5).");
        if (result < TimeSpan.Zero || (!allowZero && result == TimeSpan.Zero) || result > TimeSpan.FromHours(1))
            throw new CommandLineException($"{option}: '{text}' is out of range (more than 0, at most 1 hour).");
        return result;
    }

    private static IReadOnlyList<T> ParseList<T>(string text, string option, Func<string, T> parse)
    {
        string[] parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
            throw new CommandLineException($"{option} needs at least one value.");
        return [.. parts.Select(parse).Distinct()];
    }

    private static int ParsePositiveInt(string text, string option)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < 1 || value > 4096)
            throw new CommandLineException($"{option}: '{text}' is not a whole number between 1 and 4096.");
        return value;
    }

    private static double ParseFraction(string text, string option)
    {
        bool percent = text.EndsWith('%');
        string number = percent ? text[..^1] : text;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw new CommandLineException($"{option}: '{text}' is not a number (0.01 or 1%).");
        if (percent)
            value /= 100;
        if (value is < 0 or > 1)
            throw new CommandLineException($"{option}: '{text}' must be between 0 and 1 (or 0% and 100%).");
        return value;
    }
}
