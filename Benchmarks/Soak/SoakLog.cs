using System.Diagnostics;
using System.Globalization;

namespace RcuCollections.Benchmarks.Soak;

/// <summary>
/// The soak's verdict counters and its only output path. Violations and lost callbacks are counted with interlocked
/// adds from any thread; the first few of each kind are printed in full (with the time since the start), the rest
/// only counted, so a broken build cannot flood the log and one frequent problem cannot hide the others. A message
/// string is built only when something is wrong.
/// </summary>
public sealed class SoakLog
{
    private readonly TextWriter _output;
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly int _maxPrinted;
    private readonly Dictionary<string, int> _printedPerKind = new(StringComparer.Ordinal); // under _gate
    private long _violations;
    private long _lostCallbacks;
    private int _printed;
    private int _hung;
    private int _aborted;

    /// <summary>Creates a log writing to <paramref name="output"/>.</summary>
    /// <param name="output">Where every line goes.</param>
    /// <param name="maxPrinted">How many violations and lost-callback reports are printed in full (at most
    /// <see cref="PrintedPerKind"/> of each kind).</param>
    public SoakLog(TextWriter output, int maxPrinted)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _maxPrinted = maxPrinted;
    }

    /// <summary>How many reports of one kind (the message with its numbers left out) are printed.</summary>
    public const int PrintedPerKind = 3;

    /// <summary>Gets the time since the log was created (the start of the run).</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Gets the violations so far (hangs included).</summary>
    public long Violations => Interlocked.Read(ref _violations);

    /// <summary>Gets the callbacks (deferred work, disposals, owner releases) that never ran although they were due.</summary>
    public long LostCallbacks => Interlocked.Read(ref _lostCallbacks);

    /// <summary>Gets whether some wait timed out: the run cannot go on safely and ends with exit code 1.</summary>
    public bool Hung => Volatile.Read(ref _hung) != 0;

    /// <summary>Gets whether the run must end now (a hang, or a check that failed unexpectedly).</summary>
    public bool Aborted => Volatile.Read(ref _aborted) != 0;

    /// <summary>Counts and (for the first few) prints one broken invariant.</summary>
    /// <param name="what">What was seen, with the values that show it.</param>
    public void Violation(string what)
    {
        Interlocked.Increment(ref _violations);
        Report("VIOLATION", what);
    }

    /// <summary>Counts and prints a wait that did not end: a violation that also ends the run.</summary>
    /// <param name="what">What was waited for.</param>
    public void Hang(string what)
    {
        Volatile.Write(ref _hung, 1);
        Volatile.Write(ref _aborted, 1);
        Interlocked.Increment(ref _violations);
        Report("HANG", what);
    }

    /// <summary>
    /// Counts and prints an exception that escaped the controller (a check or a teardown step threw): a violation
    /// that ends the run, since the worlds' state is then unknown.
    /// </summary>
    /// <param name="exception">What was thrown.</param>
    public void Abort(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Abort($"the controller failed with {exception}");
    }

    /// <summary>Counts and prints a failure after which the run cannot go on (a violation that ends the run).</summary>
    /// <param name="what">What failed.</param>
    public void Abort(string what)
    {
        Volatile.Write(ref _aborted, 1);
        Interlocked.Increment(ref _violations);
        Report("VIOLATION", what);
    }

    /// <summary>Counts and (for the first few) prints callbacks that were due and never ran.</summary>
    /// <param name="count">How many.</param>
    /// <param name="what">Which ones.</param>
    public void Lost(long count, string what)
    {
        if (count <= 0)
            return;
        Interlocked.Add(ref _lostCallbacks, count);
        Report("LOST", what);
    }

    /// <summary>Prints a line (progress, summary).</summary>
    /// <param name="text">The line.</param>
    public void Line(string text)
    {
        lock (_gate)
        {
            _output.WriteLine(text);
            _output.Flush();
        }
    }

    private void Report(string kind, string what)
    {
        string key = kind + string.Concat(what.Where(c => !char.IsAsciiDigit(c)));
        string when = _clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        lock (_gate)
        {
            if (_printed >= _maxPrinted)
                return;
            _printedPerKind.TryGetValue(key, out int ofKind);
            if (ofKind >= PrintedPerKind)
                return;
            _printedPerKind[key] = ofKind + 1;
            _printed++;
            _output.WriteLine($"soak: {kind} at {when} s: {what}");
            if (ofKind + 1 == PrintedPerKind)
                _output.WriteLine($"soak: (further reports of this kind are counted, not printed)");
            if (_printed == _maxPrinted)
                _output.WriteLine($"soak: (further violations and lost callbacks are counted, not printed)");
            _output.Flush();
        }
    }
}
