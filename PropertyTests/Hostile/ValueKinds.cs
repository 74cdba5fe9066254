using System.Collections.Concurrent;

namespace RcuCollections.Tests.Hostile;

/// <summary>
/// Records every disposal of a value made by a disposable <see cref="IValueKind{T}"/>, keyed by (key, version), so a
/// test can check "disposed exactly once", "never disposed while stored" and "no lost disposal". The record lives in
/// this shared object, not in the value: a struct value disposed as a boxed copy still shows up here.
/// </summary>
public sealed class DisposalLedger
{
    private readonly ConcurrentDictionary<(int Key, int Version), int> _disposals = new();
    private long _total;

    /// <summary>Gets the number of disposals recorded, all values together.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Records one disposal of the value (key, version).</summary>
    public void Record(int key, int version)
    {
        _disposals.AddOrUpdate((key, version), 1, static (_, n) => n + 1);
        Interlocked.Increment(ref _total);
    }

    /// <summary>How many times the value (key, version) was disposed.</summary>
    public int CountOf(int key, int version) => _disposals.TryGetValue((key, version), out int n) ? n : 0;

    /// <summary>Every (key, version) disposed more than once.</summary>
    public IEnumerable<(int Key, int Version)> DisposedTwice() => _disposals.Where(p => p.Value > 1).Select(p => p.Key);
}

/// <summary>
/// One kind of value the collections must store faithfully: the shared test data of the hostile suite. A value is
/// made from a key and a version and carries enough redundancy that a torn read (half of one write, half of another)
/// or a value filed under the wrong key is detected by <see cref="Matches"/>.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
public interface IValueKind<T>
{
    /// <summary>Gets whether values implement <see cref="IDisposable"/> (and report to the ledger).</summary>
    static abstract bool IsDisposable { get; }

    /// <summary>Gets whether a value is wider than a machine word (so the collections cannot store it atomically).</summary>
    static abstract bool IsWide { get; }

    /// <summary>Makes the value for (key, version); disposable kinds report their disposal to <paramref name="ledger"/>.</summary>
    static abstract T Make(int key, int version, DisposalLedger ledger);

    /// <summary>Whether <paramref name="value"/> is an untorn value made for <paramref name="key"/>.</summary>
    static abstract bool Matches(T value, int key);

    /// <summary>The version a value was made with (values must match first).</summary>
    static abstract int VersionOf(T value);
}

/// <summary><see cref="int"/>: atomic, no redundancy possible beyond the key/version split (key × 10^6 + version).</summary>
public sealed class IntKind : IValueKind<int>
{
    public static bool IsDisposable => false;
    public static bool IsWide => false;
    public static int Make(int key, int version, DisposalLedger ledger) => checked(key * 1_000_000 + version % 1_000_000);
    public static bool Matches(int value, int key) => value / 1_000_000 == key;
    public static int VersionOf(int value) => value % 1_000_000;
}

/// <summary><see cref="string"/>: a reference, compared by value (two equal strings are distinct objects).</summary>
public sealed class StringKind : IValueKind<string>
{
    public static bool IsDisposable => false;
    public static bool IsWide => false;
    public static string Make(int key, int version, DisposalLedger ledger) => $"{key}:{version}";
    public static bool Matches(string value, int key) => value is not null && value.StartsWith($"{key}:", StringComparison.Ordinal);
    public static int VersionOf(string value) => int.Parse(value.AsSpan(value.IndexOf(':') + 1));
}

/// <summary><see cref="Guid"/>: 16 bytes, with a check field derived from key and version.</summary>
public sealed class GuidKind : IValueKind<Guid>
{
    public static bool IsDisposable => false;
    public static bool IsWide => true;

    public static Guid Make(int key, int version, DisposalLedger ledger) =>
        new(key, (short)version, (short)(version >> 16), BitConverter.GetBytes(Check(key, version)));

    public static bool Matches(Guid value, int key)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes);
        int a = BitConverter.ToInt32(bytes);
        int version = VersionOf(value);
        return a == key && BitConverter.ToInt64(bytes[8..]) == Check(key, version);
    }

    public static int VersionOf(Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes);
        return (ushort)BitConverter.ToInt16(bytes[4..]) | (BitConverter.ToInt16(bytes[6..]) << 16);
    }

    private static long Check(int key, int version) => (key * 1_000_003L) ^ ((long)version << 29) ^ 0x5A5A_5A5A_5A5AL;
}

/// <summary><see cref="decimal"/>: 16 bytes, the high word a check of the low two.</summary>
public sealed class DecimalKind : IValueKind<decimal>
{
    public static bool IsDisposable => false;
    public static bool IsWide => true;
    public static decimal Make(int key, int version, DisposalLedger ledger) => new(key, version, Check(key, version), false, 0);

    public static bool Matches(decimal value, int key)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        return bits[0] == key && bits[2] == Check(key, bits[1]) && bits[3] == 0;
    }

    public static int VersionOf(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        return bits[1];
    }

    private static int Check(int key, int version) => (key * 7919) ^ version ^ 0x2A2A2A;
}

/// <summary>A 24-byte struct: three words, the third a check of the first two.</summary>
public readonly record struct Wide24(long Key, long Version, long Check);

/// <summary><see cref="Wide24"/> values.</summary>
public sealed class Wide24Kind : IValueKind<Wide24>
{
    public static bool IsDisposable => false;
    public static bool IsWide => true;
    public static Wide24 Make(int key, int version, DisposalLedger ledger) => new(key, version, Check(key, version));
    public static bool Matches(Wide24 value, int key) => value.Key == key && value.Check == Check(value.Key, value.Version);
    public static int VersionOf(Wide24 value) => (int)value.Version;
    private static long Check(long key, long version) => ~(key * 31 + version * 1_000_000_007L);
}

/// <summary>
/// A struct that implements <see cref="IDisposable"/> (16 bytes: two ints and a reference). Its disposal is recorded in
/// the shared ledger, so a disposal of a boxed copy is observed; value equality (the record's), so two copies are equal.
/// </summary>
public readonly record struct DisposableStruct(int Key, int Version, DisposalLedger Ledger) : IDisposable
{
    public void Dispose() => Ledger.Record(Key, Version);
}

/// <summary><see cref="DisposableStruct"/> values.</summary>
public sealed class DisposableStructKind : IValueKind<DisposableStruct>
{
    public static bool IsDisposable => true;
    public static bool IsWide => true;
    public static DisposableStruct Make(int key, int version, DisposalLedger ledger) => new(key, version, ledger);
    public static bool Matches(DisposableStruct value, int key) => value.Key == key && value.Ledger is not null;
    public static int VersionOf(DisposableStruct value) => value.Version;
}

/// <summary>A class that implements <see cref="IDisposable"/>, with reference equality (each instance is distinct).</summary>
public sealed class DisposableClass(int key, int version, DisposalLedger ledger) : IDisposable
{
    public int Key { get; } = key;
    public int Version { get; } = version;

    /// <summary>Gets how often this instance was disposed.</summary>
    public int Disposals => ledger.CountOf(Key, Version);

    public void Dispose() => ledger.Record(Key, Version);

    public override string ToString() => $"DisposableClass({Key}:{Version})";
}

/// <summary><see cref="DisposableClass"/> values.</summary>
public sealed class DisposableClassKind : IValueKind<DisposableClass>
{
    public static bool IsDisposable => true;
    public static bool IsWide => false;
    public static DisposableClass Make(int key, int version, DisposalLedger ledger) => new(key, version, ledger);
    public static bool Matches(DisposableClass value, int key) => value is not null && value.Key == key;
    public static int VersionOf(DisposableClass value) => value.Version;
}
