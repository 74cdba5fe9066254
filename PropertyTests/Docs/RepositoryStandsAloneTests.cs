using System.Diagnostics;
using System.Text.RegularExpressions;
using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.Docs;

/// <summary>
/// The repository stands alone: no tracked source, doc, project or script file points at notes that live outside
/// it (the design background is in docs/design/, cited as <c>docs/design/… §n</c>), and every relative link in the
/// docs resolves, including the section anchors of links into docs/design/.
/// </summary>
public partial class RepositoryStandsAloneTests
{
    // Built from pieces so that this file does not contain the patterns it forbids.
    private static readonly string[] s_forbidden =
    [
        "spec " + "§",
        ".." + "/shared",
        "shared" + "/spec",
        "shared" + "/testdata",
    ];

    private static readonly string[] s_checkedExtensions = [".cs", ".md", ".csproj", ".props", ".sh"];

    private static readonly string[] s_skippedDirectories =
        ["bin", "obj", "artifacts", ".git", "BenchmarkDotNet.Artifacts", "TestResults"];

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex UriScheme();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"^#{1,6}\s+(?<title>.+?)\s*#*\s*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [Fact]
    public void NoTrackedFile_PointsOutsideTheRepository()
    {
        string root = RepoPaths.Root;
        string self = Path.Combine("PropertyTests", "Docs", nameof(RepositoryStandsAloneTests) + ".cs");
        var problems = new List<string>();
        IReadOnlyList<string> files = TrackedFiles(root);
        Assert.NotEmpty(files);
        foreach (string relative in files)
        {
            if (!s_checkedExtensions.Contains(Path.GetExtension(relative), StringComparer.OrdinalIgnoreCase)) continue;
            if (string.Equals(Path.GetFullPath(Path.Combine(root, relative)),
                    Path.GetFullPath(Path.Combine(root, self)), StringComparison.Ordinal)) continue;
            string full = Path.Combine(root, relative);
            if (!File.Exists(full)) continue; // deleted in the working tree but still in the index
            string[] lines = File.ReadAllLines(full);
            for (int i = 0; i < lines.Length; i++)
                foreach (string pattern in s_forbidden)
                    if (lines[i].Contains(pattern, StringComparison.Ordinal))
                        problems.Add($"{relative.Replace('\\', '/')}:{i + 1}: \"{pattern}\" (cite docs/design/)");
        }
        Assert.True(problems.Count == 0, "References to notes outside the repository:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void EveryRelativeLinkInTheDocs_Resolves()
    {
        string root = RepoPaths.Root;
        string design = Path.Combine(root, "docs", "design");
        var markdown = Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories)
            .Append(Path.Combine(root, "README.md"));
        var problems = new List<string>();
        int checkedLinks = 0;
        foreach (string file in markdown)
        {
            string text = File.ReadAllText(file).ReplaceLineEndings("\n");
            text = InlineCode().Replace(FencedBlock().Replace(text, ""), "");
            string name = Path.GetRelativePath(root, file).Replace('\\', '/');
            foreach (Match m in MarkdownLink().Matches(text))
            {
                string target = m.Groups["target"].Value;
                if (target.StartsWith('#') || UriScheme().IsMatch(target)) continue; // anchors, URLs
                checkedLinks++;
                int hash = target.IndexOf('#');
                string path = hash < 0 ? target : target[..hash];
                string resolved =
                    Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, Uri.UnescapeDataString(path)));
                if (!File.Exists(resolved) && !Directory.Exists(resolved))
                {
                    problems.Add($"{name}: {target} (no such file)");
                    continue;
                }
                // Citations into the design notes name a section: its anchor must exist.
                if (hash >= 0 && File.Exists(resolved)
                    && string.Equals(Path.GetDirectoryName(resolved), design, StringComparison.Ordinal)
                    && !Anchors(resolved).Contains(target[(hash + 1)..]))
                    problems.Add($"{name}: {target} (no such section)");
            }
        }
        Assert.True(checkedLinks > 0, "no relative link was found in docs/, so the check checked nothing");
        Assert.True(problems.Count == 0, "Broken links:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void DesignNotes_Exist()
    {
        string design = Path.Combine(RepoPaths.Root, "docs", "design");
        foreach (string note in new[] { "README.md", "rcu-algorithms.md", "address-space-rendering.md" })
            Assert.True(File.Exists(Path.Combine(design, note)), $"docs/design/{note} is missing");
    }

    /// <summary>GitHub-style heading anchors: lower case, punctuation dropped, spaces to hyphens.</summary>
    private static HashSet<string> Anchors(string markdownFile)
    {
        string text = FencedBlock().Replace(File.ReadAllText(markdownFile).ReplaceLineEndings("\n"), "");
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Heading().Matches(text))
        {
            var slug = new System.Text.StringBuilder();
            foreach (char c in m.Groups["title"].Value.ToLowerInvariant())
            {
                if (char.IsLetterOrDigit(c) || c is '-' or '_') slug.Append(c);
                else if (c == ' ') slug.Append('-');
            }
            string anchor = slug.ToString();
            for (int n = 1; !anchors.Add(anchor); n++) anchor = slug + "-" + n;
        }
        return anchors;
    }

    /// <summary>The files git tracks; without git (a source archive), every file under the root but bin/obj.</summary>
    private static IReadOnlyList<string> TrackedFiles(string root)
    {
        try
        {
            var start = new ProcessStartInfo("git", "ls-files -z")
            {
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using Process? git = Process.Start(start);
            if (git is not null)
            {
                Task<string> stderr = git.StandardError.ReadToEndAsync();
                string output = git.StandardOutput.ReadToEnd();
                git.WaitForExit();
                _ = stderr.Result;
                if (git.ExitCode == 0 && output.Length > 0)
                    return output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // git is not installed: fall back to walking the tree.
        }
        var files = new List<string>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            string dir = pending.Pop();
            foreach (string sub in Directory.EnumerateDirectories(dir))
                if (!s_skippedDirectories.Contains(Path.GetFileName(sub), StringComparer.OrdinalIgnoreCase))
                    pending.Push(sub);
            foreach (string file in Directory.EnumerateFiles(dir))
                files.Add(Path.GetRelativePath(root, file));
        }
        return files;
    }
}
