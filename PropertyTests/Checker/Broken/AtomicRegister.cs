namespace RcuCollections.Tests.Checker.Broken;

/// <summary>A correct register (a volatile field), for the harness's "correct objects pass" tests.</summary>
public sealed class AtomicRegister
{
    private int _value;

    /// <summary>Writes a value.</summary>
    /// <param name="value">The value.</param>
    public void Write(int value) => Volatile.Write(ref _value, value); // pairs with the Volatile.Read in Read

    /// <summary>Reads the value.</summary>
    /// <returns>The last value written.</returns>
    public int Read() => Volatile.Read(ref _value);
}
