using System.Text.RegularExpressions;
using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.Docs;

/// <summary>
/// No dead snippets: every C# code block in README.md, the package READMEs and docs/ must be preceded by
/// <c>&lt;!-- snippet: path/to/File.cs --&gt;</c> naming a compiled file (a sample under docs/samples, or a
/// file of this test project), its lines must appear, in order and contiguously, in that file, and it must be a whole
/// region of it: every bracket it opens it closes (so the snippet compiles as shown).
/// Pseudo-code belongs in <c>text</c> blocks.
/// </summary>
public partial class DocsCodeBlockTests
{
    [GeneratedRegex(@"(?:<!--\s*snippet:\s*(?<path>[^\s]+)\s*-->\s*\n)?```(?<lang>csharp|cs|c#)[^\n]*\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    public static TheoryData<string> MarkdownFiles()
    {
        var data = new TheoryData<string>();
        string root = RepoPaths.Root;
        data.Add("README.md");
        foreach (string readme in PackageReadmeTests.PackageReadmes)
            data.Add(readme);
        foreach (string f in Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories))
            data.Add(Path.GetRelativePath(root, f).Replace('\\', '/'));
        return data;
    }

    [Theory]
    [MemberData(nameof(MarkdownFiles))]
    public void EveryCSharpBlock_IsCompiledCode(string markdown)
    {
        string root = RepoPaths.Root;
        string text = File.ReadAllText(Path.Combine(root, markdown)).ReplaceLineEndings("\n");
        var problems = new List<string>();
        foreach (Match m in CodeBlock().Matches(text))
        {
            int line = text[..m.Index].Count(c => c == '\n') + 1;
            string path = m.Groups["path"].Value;
            if (path.Length == 0)
            {
                problems.Add($"{markdown}:{line}: a C# block without a <!-- snippet: file.cs --> marker");
                continue;
            }
            bool compiled = path.StartsWith("docs/samples/", StringComparison.Ordinal) || path.StartsWith("PropertyTests/", StringComparison.Ordinal);
            string file = Path.Combine(root, path);
            if (!compiled || !path.EndsWith(".cs", StringComparison.Ordinal) || !File.Exists(file))
            {
                problems.Add($"{markdown}:{line}: snippet source '{path}' is not a compiled .cs file of a sample or of PropertyTests");
                continue;
            }
            string[] block = Lines(m.Groups["body"].Value);
            string[] source = Lines(File.ReadAllText(file));
            if (!ContainsRun(source, block))
                problems.Add($"{markdown}:{line}: the block's lines do not appear in {path}");
            else if (Unbalanced(m.Groups["body"].Value) is { } unbalanced)
                problems.Add($"{markdown}:{line}: the block is not a whole region of {path}: {unbalanced} (quote whole statements, so it compiles as shown)");
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>Names the first bracket that the block opens and never closes (or closes without opening), ignoring strings, chars and comments.</summary>
    private static string? Unbalanced(string code)
    {
        var open = new Stack<char>();
        for (int i = 0; i < code.Length; i++)
        {
            char c = code[i];
            if (c == '/' && i + 1 < code.Length && code[i + 1] == '/')
            {
                while (i < code.Length && code[i] != '\n') i++;
                continue;
            }
            if (c is '"' or '\'')
            {
                for (i++; i < code.Length && code[i] != c; i++)
                    if (code[i] == '\\') i++;
                continue;
            }
            if (c is '{' or '(' or '[') open.Push(c);
            else if (c is '}' or ')' or ']')
            {
                char expected = c switch { '}' => '{', ')' => '(', _ => '[' };
                if (open.Count == 0 || open.Pop() != expected) return $"'{c}' closes nothing";
            }
        }
        return open.Count == 0 ? null : $"'{open.Peek()}' is never closed";
    }

    private static string[] Lines(string s) =>
        s.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();

    private static bool ContainsRun(string[] haystack, string[] needle)
    {
        if (needle.Length == 0) return true;
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
            if (needle.AsSpan().SequenceEqual(haystack.AsSpan(i, needle.Length))) return true;
        return false;
    }
}
