namespace RcuCollections.Tests.Checker.Porcupine;

/// <summary>The calls of Porcupine's key-value histories.</summary>
public enum KvCommand
{
    /// <summary>Read a key's string.</summary>
    Get,

    /// <summary>Replace a key's string.</summary>
    Put,

    /// <summary>Append to a key's string.</summary>
    Append,
}
