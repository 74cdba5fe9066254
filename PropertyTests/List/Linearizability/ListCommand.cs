namespace RcuCollections.Tests.List.Linearizability;

/// <summary>The RcuList calls the linearizability property exercises.</summary>
public enum ListCommand
{
    /// <summary><c>Add(value)</c>.</summary>
    Add,

    /// <summary><c>Insert(index, value)</c>; an out-of-range index must throw and change nothing.</summary>
    Insert,

    /// <summary><c>Remove(value)</c>.</summary>
    Remove,

    /// <summary><c>AddIfAbsent(value)</c>.</summary>
    AddIfAbsent,

    /// <summary>The indexer's getter.</summary>
    Get,

    /// <summary>The indexer's setter.</summary>
    Set,

    /// <summary><c>Contains(value)</c>.</summary>
    Contains,

    /// <summary><c>Count</c>.</summary>
    Count,

    /// <summary><c>Snapshot()</c>.</summary>
    Snapshot,
}
