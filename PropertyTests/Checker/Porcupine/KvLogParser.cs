using System.Globalization;
using System.Text.RegularExpressions;
using RcuCollections.Linearizability;

namespace RcuCollections.Tests.Checker.Porcupine;

/// <summary>
/// Parses Porcupine's key-value histories: one EDN map a line,
/// <c>{:process P, :type :invoke|:ok, :f :get|:put|:append, :key "K", :value "V"|nil}</c>. An <c>:invoke</c> opens P's
/// call, P's next <c>:ok</c> closes it; the line number is the clock.
/// </summary>
public static partial class KvLogParser
{
    /// <summary>Parses the file at <paramref name="path"/>.</summary>
    /// <param name="path">The history file.</param>
    /// <returns>The history.</returns>
    /// <exception cref="FormatException">A line has an unexpected shape.</exception>
    public static List<Operation<KvInput, string>> Parse(string path)
    {
        var history = new List<Operation<KvInput, string>>();
        var open = new Dictionary<int, (KvInput Input, long Call)>();
        long time = 0;
        foreach (string line in File.ReadLines(path))
        {
            time++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            Match match = EdnLine().Match(line);
            if (!match.Success)
            {
                throw new FormatException($"{path}:{time}: not a history line: '{line}'.");
            }

            int process = int.Parse(match.Groups["process"].Value, CultureInfo.InvariantCulture);
            string value = match.Groups["value"].Success ? match.Groups["value"].Value : string.Empty;
            if (match.Groups["type"].Value == "invoke")
            {
                KvCommand command = match.Groups["f"].Value switch
                {
                    "get" => KvCommand.Get,
                    "put" => KvCommand.Put,
                    "append" => KvCommand.Append,
                    string other => throw new FormatException($"{path}:{time}: unknown function '{other}'."),
                };
                if (!open.TryAdd(process, (new KvInput(command, match.Groups["key"].Value, value), time)))
                {
                    throw new FormatException($"{path}:{time}: process {process} invokes while a call is open.");
                }
            }
            else if (match.Groups["type"].Value == "ok" && open.Remove(process, out (KvInput Input, long Call) call))
            {
                history.Add(new Operation<KvInput, string>(process, call.Input, call.Call, call.Input.Command == KvCommand.Get ? value : string.Empty, time));
            }
            else
            {
                throw new FormatException($"{path}:{time}: unexpected '{match.Groups["type"].Value}' for process {process}.");
            }
        }

        if (open.Count != 0)
        {
            throw new FormatException($"{path}: {open.Count} calls never return; the README says every call is closed.");
        }

        return history;
    }

    [GeneratedRegex("""^\{:process (?<process>\d+), :type :(?<type>\w+), :f :(?<f>\w+), :key "(?<key>[^"]*)", :value (?:nil|"(?<value>[^"]*)")\}$""")]
    private static partial Regex EdnLine();
}
