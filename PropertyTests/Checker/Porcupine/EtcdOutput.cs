namespace RcuCollections.Tests.Checker.Porcupine;

/// <summary>What an etcd call returned.</summary>
/// <param name="Succeeded">For cas: whether it succeeded.</param>
/// <param name="Value">For read: the value read, or null for "no value".</param>
/// <param name="Unknown">The outcome is unknown (timed out, crashed): any output is acceptable.</param>
public readonly record struct EtcdOutput(bool Succeeded, int? Value, bool Unknown)
{
    /// <summary>The unknown outcome.</summary>
    public static EtcdOutput Indeterminate => new(false, null, Unknown: true);

    /// <inheritdoc/>
    public override string ToString() => Unknown ? "?" : Value is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : Succeeded ? "ok" : "nil/fail";
}
