namespace RcuCollections.Benchmarks.Dictionary;

/// <summary>A competitor as a struct type the workloads are generic over: its name and how to create one.</summary>
/// <typeparam name="TSelf">The implementing struct.</typeparam>
internal interface IBenchMap<TSelf> : IBenchMap
    where TSelf : struct, IBenchMap<TSelf>
{
    /// <summary>Gets the variant name used in case names and rows, for example "rcu" or "concurrent".</summary>
    static abstract string Variant { get; }

    /// <summary>Creates an empty map sized for <paramref name="capacity"/> keys (0: default size, growth included).</summary>
    static abstract TSelf Create(int capacity);
}
