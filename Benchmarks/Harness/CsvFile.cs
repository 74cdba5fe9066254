using System.Globalization;
using System.Text;

namespace RcuCollections.Benchmarks.Harness;

/// <summary>Writes RFC 4180 CSV (invariant culture, quoted where needed) for results meant for spreadsheets and scripts.</summary>
public sealed class CsvFile
{
    private readonly StringBuilder _text = new();
    private readonly int _columns;

    /// <summary>Creates a CSV document with a header row.</summary>
    /// <param name="headers">Column names.</param>
    public CsvFile(params string[] headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        _columns = headers.Length;
        AppendRow(headers);
    }

    /// <summary>Adds a row; numbers are written in the invariant culture with round-trip precision.</summary>
    /// <param name="cells">One value per column (string, number, bool or null).</param>
    public void AddRow(params object?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != _columns)
            throw new ArgumentException($"Expected {_columns} cells, got {cells.Length}.", nameof(cells));
        AppendRow([.. cells.Select(FormatCell)]);
    }

    /// <summary>Writes the document to <paramref name="path"/>, creating the folder if needed.</summary>
    /// <param name="path">The file path.</param>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
            Directory.CreateDirectory(folder);
        File.WriteAllText(path, _text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    private void AppendRow(string[] cells) => _text.AppendJoin(',', cells.Select(Quote)).Append("\r\n");

    private static string FormatCell(object? value) => value switch
    {
        null => "",
        double d when double.IsNaN(d) => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
