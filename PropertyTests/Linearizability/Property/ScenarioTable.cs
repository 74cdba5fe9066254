using System.Text;

namespace RcuCollections.Linearizability;

/// <summary>
/// Renders a run as a table in the style of Lincheck: the init part, one column per thread for the parallel part, the
/// post part, each operation with its result.
/// </summary>
internal static class ScenarioTable
{
    private const string NotRun = "(not run)";

    /// <summary>Renders the table.</summary>
    /// <typeparam name="TInput">The operation input.</typeparam>
    /// <typeparam name="TOutput">The operation output.</typeparam>
    /// <param name="scenario">The scenario.</param>
    /// <param name="run">The run's recorded operations (may be shorter than the scenario when something threw).</param>
    /// <param name="describe">Describes an operation with its result.</param>
    /// <returns>The table.</returns>
    public static string Render<TInput, TOutput>(ConcurrentScenario<TInput> scenario, ScenarioRun<TInput, TOutput> run, Func<TInput, TOutput, string> describe)
    {
        string[] prefix = Cells(scenario.Prefix, run.Prefix, describe);
        string[][] threads = scenario.Threads.Select((t, i) => Cells(t, run.Threads[i], describe)).ToArray();
        string[] suffix = Cells(scenario.Suffix, run.Suffix, describe);

        int columns = threads.Length;
        string[] headers = Enumerable.Range(1, columns).Select(i => $"Thread {i} (client {i})").ToArray();
        int columnWidth = threads.SelectMany(t => t).Concat(headers).Max(c => c.Length);
        int sequentialWidth = prefix.Concat(suffix).Select(c => c.Length + 2).Append("Init part (client 0):".Length).Max();

        // Widen the columns until the sequential parts fit across all of them.
        while ((columns * (columnWidth + 3)) - 3 < sequentialWidth)
        {
            columnWidth++;
        }

        int innerWidth = (columns * (columnWidth + 3)) - 3;
        string rule = "| " + new string('-', innerWidth) + " |";

        var text = new StringBuilder();
        text.AppendLine(rule);
        AppendWide(text, "Init part (client 0):", innerWidth);
        foreach (string cell in prefix)
        {
            AppendWide(text, "  " + cell, innerWidth);
        }

        text.AppendLine(rule);
        text.Append("| ").AppendJoin(" | ", headers.Select(h => h.PadRight(columnWidth))).AppendLine(" |");
        text.AppendLine(rule);
        int rows = threads.Select(t => t.Length).DefaultIfEmpty(0).Max();
        for (int row = 0; row < rows; row++)
        {
            text.Append("| ").AppendJoin(" | ", threads.Select(t => (row < t.Length ? t[row] : string.Empty).PadRight(columnWidth))).AppendLine(" |");
        }

        text.AppendLine(rule);
        AppendWide(text, "Post part (client 0):", innerWidth);
        foreach (string cell in suffix)
        {
            AppendWide(text, "  " + cell, innerWidth);
        }

        text.AppendLine(rule);
        return text.ToString();
    }

    private static string[] Cells<TInput, TOutput>(IReadOnlyList<TInput> planned, IReadOnlyList<Operation<TInput, TOutput>> recorded, Func<TInput, TOutput, string> describe)
        => planned.Select((input, i) => i < recorded.Count ? describe(recorded[i].Input, recorded[i].Output) : $"{input} {NotRun}").ToArray();

    private static void AppendWide(StringBuilder text, string cell, int width) => text.Append("| ").Append(cell.PadRight(width)).AppendLine(" |");
}
