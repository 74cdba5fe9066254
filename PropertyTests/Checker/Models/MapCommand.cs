namespace RcuCollections.Tests.Checker.Models;

/// <summary>What a dictionary call does.</summary>
public enum MapCommand
{
    /// <summary>Add the key with the value unless the key is present; succeeds when it added.</summary>
    TryAdd,

    /// <summary>Remove the key; succeeds with the removed value when it was present.</summary>
    TryRemove,

    /// <summary>Look the key up; succeeds with the value when present.</summary>
    TryGetValue,

    /// <summary>Set the key to the value (add or overwrite); always succeeds.</summary>
    Set,
}
