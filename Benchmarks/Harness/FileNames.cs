namespace RcuCollections.Benchmarks.Harness;

/// <summary>Turns case names into portable file names.</summary>
public static class FileNames
{
    /// <summary>Replaces every character outside [A-Za-z0-9._-] with '-'.</summary>
    /// <param name="name">The name.</param>
    /// <returns>A file name safe on every OS.</returns>
    public static string Sanitize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return string.Create(name.Length, name, static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                char c = source[i];
                span[i] = char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-';
            }
        });
    }
}
