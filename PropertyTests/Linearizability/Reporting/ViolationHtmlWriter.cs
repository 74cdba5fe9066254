using System.Globalization;
using System.Net;
using System.Text;

namespace RcuCollections.Linearizability.Reporting;

/// <summary>
/// Renders a <see cref="LinearizabilityViolation"/> as a self-contained HTML page: one row per client, one bar per
/// operation from its call to its return (time compressed to the rank of the events, so short and long intervals stay
/// readable), the longest linearizable prefix numbered in green and the operations that cannot come next in red.
/// </summary>
internal static class ViolationHtmlWriter
{
    private const int UnitWidth = 18;  // pixels per distinct event time
    private const int RowHeight = 30;

    /// <summary>Renders the page.</summary>
    /// <param name="violation">The violation.</param>
    /// <returns>The HTML document.</returns>
    public static string Write(LinearizabilityViolation violation)
    {
        // Compress time: every distinct call or return time gets the next column; open calls end one past the last.
        long[] times = violation.Operations
            .SelectMany(o => o.IsPending ? new[] { o.Call } : new[] { o.Call, o.Return })
            .Distinct()
            .Order()
            .ToArray();
        var rank = new Dictionary<long, int>();
        for (int i = 0; i < times.Length; i++)
        {
            rank[times[i]] = i;
        }

        var position = new Dictionary<int, int>();
        for (int i = 0; i < violation.LongestPrefix.Count; i++)
        {
            position[violation.LongestPrefix[i].Operation.Index] = i + 1;
        }

        var reasons = violation.Unplaceable.ToDictionary(u => u.Operation.Index, u => u.Reason);
        int[] clients = violation.Operations.Select(o => o.ClientId).Distinct().Order().ToArray();
        var row = new Dictionary<int, int>();
        for (int i = 0; i < clients.Length; i++)
        {
            row[clients[i]] = i;
        }

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Linearizability violation</title><style>")
            .Append("body{font-family:sans-serif;margin:1em}.lane{position:relative;border-top:1px solid #ddd}")
            .Append(".op{position:absolute;height:22px;border-radius:4px;font-size:11px;overflow:hidden;white-space:nowrap;")
            .Append("padding:2px 4px;box-sizing:border-box;background:#ccc;border:1px solid #888}")
            .Append(".ok{background:#b6e3b6;border-color:#3a3}.bad{background:#f4b4b4;border-color:#c33}")
            .Append(".client{position:absolute;left:0;width:80px;font-size:12px}pre{background:#f6f6f6;padding:.5em}")
            .Append("</style></head><body>");
        html.Append("<h1>Linearizability violation</h1><p>")
            .Append(Encode($"Partition {violation.PartitionIndex + 1} of {violation.PartitionCount}: {violation.Operations.Count} operations; " +
                $"the longest linearizable prefix has {violation.LongestPrefix.Count} (green, numbered); red operations could come next but cannot (hover for why)."))
            .Append("</p>");

        int width = 90 + ((times.Length + 1) * UnitWidth);
        html.Append(CultureInfo.InvariantCulture, $"<div style=\"position:relative;width:{width}px;height:{clients.Length * RowHeight}px\">");
        foreach (int client in clients)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"lane\" style=\"position:absolute;top:{row[client] * RowHeight}px;width:{width}px;height:{RowHeight}px\">")
                .Append(CultureInfo.InvariantCulture, $"<span class=\"client\">client {client}</span></div>");
        }

        foreach (OperationDescription operation in violation.Operations)
        {
            int start = rank[operation.Call];
            int end = operation.IsPending ? times.Length : rank[operation.Return];
            string css = position.ContainsKey(operation.Index) ? "op ok" : reasons.ContainsKey(operation.Index) ? "op bad" : "op";
            string label = (position.TryGetValue(operation.Index, out int p) ? $"#{p} " : string.Empty) + operation.Text;
            string title = operation + (reasons.TryGetValue(operation.Index, out string? why) ? " : " + why : string.Empty);
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"{css}\" title=\"{Encode(title)}\" style=\"left:{90 + (start * UnitWidth)}px;")
                .Append(CultureInfo.InvariantCulture, $"top:{(row[operation.ClientId] * RowHeight) + 4}px;width:{Math.Max(1, end - start) * UnitWidth}px\">")
                .Append(Encode(label)).Append("</div>");
        }

        html.Append("</div><h2>Explanation</h2><pre>").Append(Encode(ViolationTextWriter.Write(violation))).Append("</pre></body></html>");
        return html.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
