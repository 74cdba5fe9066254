namespace RcuCollections.Tests.Checker.Models;

/// <summary>What a set call does.</summary>
public enum SetCommand
{
    /// <summary>Add an item; true when it was absent.</summary>
    Add,

    /// <summary>Remove an item; true when it was present.</summary>
    Remove,

    /// <summary>Whether an item is present.</summary>
    Contains,
}
