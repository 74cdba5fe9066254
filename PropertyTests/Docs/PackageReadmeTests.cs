using System.Text.RegularExpressions;
using System.Xml.Linq;
using RcuCollections.Tests.Support;

namespace RcuCollections.Tests.Docs;

/// <summary>
/// The package READMEs are read on nuget.org, away from the repository: every link must be absolute, and every link
/// into the repository must start with <c>$(RcuRepositoryUrl)/blob/main/</c> (Directory.Build.props, the one place the
/// address is set) and name a file or folder that exists. Their C# blocks are checked by <see cref="DocsCodeBlockTests"/>.
/// </summary>
public partial class PackageReadmeTests
{
    public static readonly string[] PackageReadmes = ["Rcu/README.md", "Collections/README.md"];

    [GeneratedRegex(@"\]\((?<url>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    public static TheoryData<string> Readmes() => new(PackageReadmes);

    [Theory]
    [MemberData(nameof(Readmes))]
    public void EveryLink_IsAbsolute_AndRepositoryLinksNameExistingFiles(string markdown)
    {
        string root = RepoPaths.Root;
        string repositoryUrl = XDocument.Load(Path.Combine(root, "Directory.Build.props"))
            .Descendants("RcuRepositoryUrl").Single().Value.TrimEnd('/');
        Assert.StartsWith("https://", repositoryUrl, StringComparison.Ordinal);
        string docsBase = repositoryUrl + "/blob/main/";

        string text = File.ReadAllText(Path.Combine(root, markdown));
        var problems = new List<string>();
        int repositoryLinks = 0;
        foreach (Match m in MarkdownLink().Matches(text))
        {
            string url = m.Groups["url"].Value;
            if (url.StartsWith(repositoryUrl, StringComparison.OrdinalIgnoreCase))
            {
                repositoryLinks++;
                if (!url.StartsWith(docsBase, StringComparison.Ordinal))
                {
                    problems.Add($"{url}: a repository link must start with {docsBase}");
                    continue;
                }
                string relative = url[docsBase.Length..].Split('#')[0];
                string local = Path.Combine(root, relative);
                if (!File.Exists(local) && !Directory.Exists(local))
                    problems.Add($"{url}: {relative} does not exist in the repository");
            }
            else if (!url.StartsWith("https://", StringComparison.Ordinal))
            {
                problems.Add($"{url}: not absolute (a relative link is broken on nuget.org)");
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.True(repositoryLinks > 0, $"{markdown} links to no repository document");
    }

    [Theory]
    [MemberData(nameof(Readmes))]
    public void OpensWithTheInstallLine(string markdown)
    {
        string packageId = markdown.StartsWith("Rcu/", StringComparison.Ordinal) ? "RcuCollections.Rcu" : "RcuCollections";
        string[] lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, markdown));
        string firstCode = lines.SkipWhile(l => !l.StartsWith("```", StringComparison.Ordinal)).Skip(1).First();
        Assert.Equal($"dotnet add package {packageId}", firstCode);
    }
}
