namespace RcuCollections.Tests.Support;

/// <summary>Finds the repository root (the folder holding RcuCollections.sln) and the shared folder beside it.</summary>
public static class RepoPaths
{
    /// <summary>Gets the repository root, found by walking up from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Gets <c>../shared</c> relative to the repository root (it may not exist outside CI).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    private static string FindRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "RcuCollections.sln"))) return d.FullName;
        throw new InvalidOperationException("RcuCollections.sln was not found above " + AppContext.BaseDirectory);
    }
}
