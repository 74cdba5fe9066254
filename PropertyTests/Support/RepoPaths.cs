namespace RcuCollections.Tests.Support;

/// <summary>Finds the repository root (the folder holding RcuCollections.sln).</summary>
public static class RepoPaths
{
    /// <summary>Gets the repository root, found by walking up from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "RcuCollections.sln"))) return d.FullName;
        throw new InvalidOperationException("RcuCollections.sln was not found above " + AppContext.BaseDirectory);
    }
}
