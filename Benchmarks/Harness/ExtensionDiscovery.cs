using System.Reflection;

namespace RcuCollections.Benchmarks.Harness;

/// <summary>
/// Finds the benchmark assembly's implementations of an extension interface (<see cref="IQuickSuite"/>,
/// <see cref="IScalingCase"/>): every concrete class, public or internal, with a public parameterless constructor.
/// Adding a class is all a component does to contribute; the command line never lists them.
/// </summary>
public static class ExtensionDiscovery
{
    /// <summary>Creates one instance of each implementation of <typeparamref name="T"/>, ordered by type name.</summary>
    /// <typeparam name="T">The extension interface.</typeparam>
    /// <param name="assembly">The assembly to search; the benchmark assembly by default.</param>
    /// <returns>The instances.</returns>
    public static IReadOnlyList<T> CreateAll<T>(Assembly? assembly = null) where T : class
    {
        assembly ??= typeof(ExtensionDiscovery).Assembly;
        return [.. assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false }
                        && typeof(T).IsAssignableFrom(t)
                        && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (T)Activator.CreateInstance(t)!)];
    }
}
