namespace RcuCollections.Tests.Dictionary.Linearizability;

/// <summary>Which factory of a call ran.</summary>
public enum FactoryKind
{
    /// <summary>GetOrAdd's value factory.</summary>
    Get,

    /// <summary>AddOrUpdate's add factory.</summary>
    Add,

    /// <summary>AddOrUpdate's update factory.</summary>
    Update,
}
