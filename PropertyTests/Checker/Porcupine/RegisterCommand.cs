namespace RcuCollections.Tests.Checker.Porcupine;

/// <summary>The calls of the Jepsen etcd register.</summary>
public enum RegisterCommand
{
    /// <summary>Read the value.</summary>
    Read,

    /// <summary>Write a value.</summary>
    Write,

    /// <summary>Compare-and-set.</summary>
    CompareAndSet,
}
