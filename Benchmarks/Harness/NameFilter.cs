using System.Text.RegularExpressions;

namespace RcuCollections.Benchmarks.Harness;

/// <summary>
/// Selects cases by name with shell-style globs ('*' any run, '?' one character), case-insensitively; several
/// patterns are alternatives, and a pattern without wildcards matches any name containing it. No pattern matches all.
/// </summary>
public sealed class NameFilter
{
    private readonly Regex[] _patterns;

    /// <summary>Creates a filter.</summary>
    /// <param name="patterns">The globs; empty means everything.</param>
    public NameFilter(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        _patterns = [.. patterns.Where(p => !string.IsNullOrWhiteSpace(p)).Select(ToRegex)];
    }

    /// <summary>Gets a filter that matches everything.</summary>
    public static NameFilter All { get; } = new([]);

    /// <summary>Gets whether the filter has no pattern (matches everything).</summary>
    public bool IsEmpty => _patterns.Length == 0;

    /// <summary>Tests a name.</summary>
    /// <param name="name">The case name.</param>
    /// <returns>Whether any pattern matches (always true without patterns).</returns>
    public bool Matches(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _patterns.Length == 0 || _patterns.Any(p => p.IsMatch(name));
    }

    private static Regex ToRegex(string glob)
    {
        bool hasWildcard = glob.AsSpan().IndexOfAny('*', '?') >= 0;
        string body = Regex.Escape(glob).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal);
        string pattern = hasWildcard ? "^" + body + "$" : body;
        return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }
}
