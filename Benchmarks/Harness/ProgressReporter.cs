using System.Diagnostics;

namespace RcuCollections.Benchmarks.Harness;

/// <summary>
/// Shows which case is running, how many are left and the elapsed time on a single status line, redrawn in
/// place, when the output is a terminal. When the output is redirected (CI, a file) it draws nothing, so logs
/// stay clean; <see cref="WriteLine"/> still prints.
/// </summary>
/// <remarks>
/// All console output of a run goes through <see cref="WriteLine"/>, which erases the status line first, so the
/// two never interleave. The redraw timer runs on the thread pool twice a second: a negligible disturbance next to
/// the dedicated measuring threads, and none at all when the output is redirected (no timer is created).
/// </remarks>
public sealed class ProgressReporter : IDisposable
{
    private readonly TextWriter _output;
    private readonly bool _interactive;
    private readonly Lock _gate = new();
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private readonly Timer? _timer;
    private int _total;
    private int _current;
    private string _label = "";
    private string _detail = "";
    private int _drawnLength;
    private bool _disposed;

    /// <summary>Creates a reporter writing to <paramref name="output"/>.</summary>
    /// <param name="output">Where lines (and, when interactive, the status line) go.</param>
    /// <param name="interactive">Whether to draw the status line (true only for a terminal).</param>
    public ProgressReporter(TextWriter output, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _interactive = interactive;
        if (interactive)
            _timer = new Timer(static state => ((ProgressReporter)state!).Redraw(), this, 500, 500);
    }

    /// <summary>Creates a reporter for the console: interactive unless standard output is redirected.</summary>
    /// <returns>The reporter.</returns>
    public static ProgressReporter ForConsole() => new(Console.Out, !Console.IsOutputRedirected);

    /// <summary>Creates a reporter that draws no status line and prints nothing (for code that needs one).</summary>
    /// <returns>The reporter.</returns>
    public static ProgressReporter Silent() => new(TextWriter.Null, interactive: false);

    /// <summary>Gets the time since the reporter was created.</summary>
    public TimeSpan Elapsed => _elapsed.Elapsed;

    /// <summary>Adds <paramref name="steps"/> to the number of steps the run is expected to take.</summary>
    /// <param name="steps">Steps to add; not negative.</param>
    public void AddSteps(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        lock (_gate)
            _total += steps;
    }

    /// <summary>Starts the next step (a case, a suite, a claim) and shows its label.</summary>
    /// <param name="label">What is running now.</param>
    public void BeginStep(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        lock (_gate)
        {
            _current++;
            if (_current > _total)
                _total = _current;
            _label = label;
            _detail = "";
            DrawLocked();
        }
    }

    /// <summary>Shows a detail of the current step (repetition, thread count) without advancing it.</summary>
    /// <param name="detail">The detail text.</param>
    public void Detail(string detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        lock (_gate)
        {
            _detail = detail;
            DrawLocked();
        }
    }

    /// <summary>Prints a line of output, erasing the status line first and redrawing it after.</summary>
    /// <param name="line">The line.</param>
    public void WriteLine(string line = "")
    {
        lock (_gate)
        {
            EraseLocked();
            _output.WriteLine(line);
            DrawLocked();
        }
    }

    /// <summary>Erases the status line and stops redrawing it.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            EraseLocked();
        }
        _timer?.Dispose();
    }

    private void Redraw()
    {
        lock (_gate)
            DrawLocked();
    }

    private void DrawLocked()
    {
        if (!_interactive || _disposed || _current == 0)
            return;
        TimeSpan elapsed = _elapsed.Elapsed;
        string left = _total > _current ? $"{_total - _current} left" : "last";
        string text = $"[{_current}/{_total}, {left}, {FormatClock(elapsed)} elapsed] {_label}";
        if (_detail.Length > 0)
            text += " | " + _detail;
        int width = ConsoleWidth();
        if (text.Length > width - 1)
            text = text[..Math.Max(0, width - 1)];
        // Pad with spaces so a shorter line fully covers the previous one, then return the cursor.
        string padded = text.PadRight(_drawnLength);
        _output.Write("\r" + padded + "\r");
        _output.Flush();
        _drawnLength = text.Length;
    }

    private void EraseLocked()
    {
        if (!_interactive || _drawnLength == 0)
            return;
        _output.Write("\r" + new string(' ', _drawnLength) + "\r");
        _drawnLength = 0;
    }

    private static int ConsoleWidth()
    {
        try
        {
            int width = Console.WindowWidth;
            return width > 20 ? width : 120;
        }
        catch (IOException)
        {
            return 120;
        }
    }

    private static string FormatClock(TimeSpan t) =>
        t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss") : t.ToString(@"m\:ss");
}
