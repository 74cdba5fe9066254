namespace RcuCollections.Tests.Checker;

/// <summary>
/// Finds the workplace's <c>shared</c> folder (specs and test data that are not copied into the repository): walk up
/// from the test binaries to the folder that holds <c>RcuCollections.sln</c>, then take <c>../shared</c>.
/// </summary>
internal static class SharedFolder
{
    /// <summary>The path of <c>../shared/&lt;relative&gt;</c>, or <see langword="null"/> when it does not exist.</summary>
    /// <param name="relative">A path below the shared folder.</param>
    /// <returns>The full path, or null.</returns>
    public static string? Find(string relative)
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RcuCollections.sln")))
            {
                string candidate = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", relative));
                return Directory.Exists(candidate) || File.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }

    /// <summary>Whether this run is CI's (which always has ../shared beside the clone).</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
