namespace RcuCollections.AddressSpaces;

/// <summary>The outcome of an <see cref="AddressSpace.Read"/> or <see cref="AddressSpace.Write"/> (QEMU's <c>MemTxResult</c>); pieces OR together.</summary>
[Flags]
public enum MemoryTransactionResult
{
    /// <summary>Every byte was transferred.</summary>
    Ok = 0,

    /// <summary>A device reported an error.</summary>
    Error = 1,

    /// <summary>
    /// Part of the access hit an address nothing maps, an MMIO reservation without a handler, or a write to a
    /// read-only range; reads of those bytes return 0 and writes are dropped.
    /// </summary>
    DecodeError = 2,
}
