using System.Globalization;
using RcuCollections.Linearizability;

namespace RcuCollections.Tests.Checker.Porcupine;

/// <summary>
/// Parses a Jepsen etcd log (<c>INFO  jepsen.util - P :type :f value</c>, tab- or space-separated) into a history. The
/// line number is the clock. <c>:info</c> leaves the call open until the end of the history (unknown outcome); so does
/// every call still open at the end of the file.
/// </summary>
public static class EtcdLogParser
{
    private const string Marker = "jepsen.util - ";

    /// <summary>Parses the log at <paramref name="path"/>.</summary>
    /// <param name="path">The log file.</param>
    /// <returns>The history.</returns>
    /// <exception cref="FormatException">A line of interest has an unexpected shape.</exception>
    public static List<Operation<EtcdInput, EtcdOutput>> Parse(string path)
    {
        var history = new List<Operation<EtcdInput, EtcdOutput>>();
        var open = new Dictionary<int, (EtcdInput Input, long Call)>();
        long time = 0;
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            int at = line.IndexOf(Marker, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            string[] fields = line[(at + Marker.Length)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4)
            {
                throw new FormatException($"{path}:{lineNumber}: expected 'P :type :f value', got '{line}'.");
            }

            int process = int.Parse(fields[0], CultureInfo.InvariantCulture);
            string type = fields[1];
            string function = fields[2];
            time++;
            switch (type)
            {
                case ":invoke":
                    if (open.ContainsKey(process))
                    {
                        throw new FormatException($"{path}:{lineNumber}: process {process} invokes while a call is open.");
                    }

                    open[process] = (ParseInput(function, fields, path, lineNumber), time);
                    break;
                case ":ok":
                case ":fail":
                    (EtcdInput input, long call) = Take(open, process, path, lineNumber);
                    history.Add(new Operation<EtcdInput, EtcdOutput>(process, input, call, ParseOutput(type, input, fields, path, lineNumber), time));
                    break;
                case ":info":
                    // Indeterminate: the call may or may not take effect, at any time from its call on.
                    (EtcdInput pending, long pendingCall) = Take(open, process, path, lineNumber);
                    history.Add(Operation.Pending(process, pending, pendingCall, EtcdOutput.Indeterminate));
                    break;
                default:
                    throw new FormatException($"{path}:{lineNumber}: unknown type '{type}'.");
            }
        }

        foreach ((int process, (EtcdInput input, long call)) in open)
        {
            history.Add(Operation.Pending(process, input, call, EtcdOutput.Indeterminate));
        }

        return history;
    }

    private static (EtcdInput Input, long Call) Take(Dictionary<int, (EtcdInput, long)> open, int process, string path, int lineNumber)
        => open.Remove(process, out (EtcdInput, long) call)
            ? call
            : throw new FormatException($"{path}:{lineNumber}: process {process} completes a call it never made.");

    private static EtcdInput ParseInput(string function, string[] fields, string path, int lineNumber) => function switch
    {
        ":read" => new EtcdInput(RegisterCommand.Read, 0, 0),
        ":write" => new EtcdInput(RegisterCommand.Write, ParseInt(fields[3], path, lineNumber), 0),
        ":cas" => new EtcdInput(RegisterCommand.CompareAndSet, ParsePair(fields, path, lineNumber).New, ParsePair(fields, path, lineNumber).Expected),
        _ => throw new FormatException($"{path}:{lineNumber}: unknown function '{function}'."),
    };

    private static EtcdOutput ParseOutput(string type, EtcdInput input, string[] fields, string path, int lineNumber)
    {
        bool ok = type == ":ok";
        switch (input.Command)
        {
            case RegisterCommand.Read when ok:
                return new EtcdOutput(true, fields[3] == "nil" ? null : ParseInt(fields[3], path, lineNumber), Unknown: false);
            case RegisterCommand.Read when fields[3] == ":timed-out":
                return EtcdOutput.Indeterminate; // The read returned without a result: any value is acceptable.
            case RegisterCommand.Write when ok:
                return new EtcdOutput(true, null, Unknown: false);
            case RegisterCommand.CompareAndSet:
                return new EtcdOutput(ok, null, Unknown: false);
            default:
                throw new FormatException($"{path}:{lineNumber}: unexpected '{type}' for {input}.");
        }
    }

    private static (int Expected, int New) ParsePair(string[] fields, string path, int lineNumber)
    {
        if (fields.Length < 5 || !fields[3].StartsWith('[') || !fields[4].EndsWith(']'))
        {
            throw new FormatException($"{path}:{lineNumber}: expected '[A B]'.");
        }

        return (ParseInt(fields[3][1..], path, lineNumber), ParseInt(fields[4][..^1], path, lineNumber));
    }

    private static int ParseInt(string text, string path, int lineNumber)
        => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new FormatException($"{path}:{lineNumber}: '{text}' is not an integer.");
}
