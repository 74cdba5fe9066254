using System.Text;

namespace RcuCollections.Benchmarks.Harness;

/// <summary>A Markdown table built row by row and rendered with aligned columns (readable as plain text too).</summary>
public sealed class MarkdownTable
{
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = [];

    /// <summary>Creates a table. A header starting with '&gt;' is right-aligned (the marker is not shown).</summary>
    /// <param name="headers">Column headers.</param>
    public MarkdownTable(params string[] headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentOutOfRangeException.ThrowIfZero(headers.Length);
        _rightAligned = [.. headers.Select(h => h.StartsWith('>'))];
        _headers = [.. headers.Select(h => h.TrimStart('>'))];
    }

    /// <summary>Gets the number of data rows.</summary>
    public int RowCount => _rows.Count;

    /// <summary>Adds a row; it must have one cell per column.</summary>
    /// <param name="cells">The cells.</param>
    public void AddRow(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != _headers.Length)
            throw new ArgumentException($"Expected {_headers.Length} cells, got {cells.Length}.", nameof(cells));
        _rows.Add([.. cells.Select(Escape)]);
    }

    /// <summary>Renders the table.</summary>
    /// <returns>The Markdown text, ending with a newline.</returns>
    public override string ToString()
    {
        int[] widths = new int[_headers.Length];
        for (int c = 0; c < widths.Length; c++)
            widths[c] = Math.Max(3, _rows.Select(r => r[c].Length).Append(_headers[c].Length).Max());

        var text = new StringBuilder();
        AppendLine(text, _headers, widths);
        text.Append('|');
        for (int c = 0; c < widths.Length; c++)
            text.Append(' ').Append(new string('-', widths[c] - 1)).Append(_rightAligned[c] ? ':' : '-').Append(" |");
        text.AppendLine();
        foreach (string[] row in _rows)
            AppendLine(text, row, widths);
        return text.ToString();
    }

    private void AppendLine(StringBuilder text, string[] cells, int[] widths)
    {
        text.Append('|');
        for (int c = 0; c < cells.Length; c++)
        {
            string cell = _rightAligned[c] ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]);
            text.Append(' ').Append(cell).Append(" |");
        }
        text.AppendLine();
    }

    private static string Escape(string cell) => (cell ?? "").Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
