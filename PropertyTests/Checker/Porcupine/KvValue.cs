namespace RcuCollections.Tests.Checker.Porcupine;

/// <summary>
/// The string of one key as a persistent chain of appended pieces, with its length and a polynomial hash that an append
/// extends in O(piece length). The checker creates a state on every step it tries and hashes it to memoise the
/// configuration; with plain strings, the c50 histories (strings of ~800 characters) spent most of their time copying
/// and rehashing strings (hundreds of MB of garbage per file). Equality is still exact: same length, same hash, then a
/// character-by-character comparison.
/// </summary>
public sealed class KvValue : IEquatable<KvValue>
{
    private const ulong Base = 0x100000001B3UL; // odd multiplier (the FNV prime); arithmetic wraps mod 2^64

    private readonly KvValue? _prefix;
    private readonly string _piece;
    private readonly ulong _hash;
    private string? _text; // materialised on demand (reports, equality after a hash match); benign race: same content

    private KvValue(KvValue? prefix, string piece, int length, ulong hash)
    {
        _prefix = prefix;
        _piece = piece;
        Length = length;
        _hash = hash;
    }

    /// <summary>The empty string, the initial state of every key.</summary>
    public static KvValue Empty { get; } = new(null, string.Empty, 0, 0);

    /// <summary>The length of the string.</summary>
    public int Length { get; }

    /// <summary>The string (materialised and cached on first use).</summary>
    public string Text => _text ??= _prefix is null ? _piece : _prefix.Text + _piece;

    /// <summary>The value <paramref name="text"/> (a put).</summary>
    /// <param name="text">The new string.</param>
    /// <returns>The value.</returns>
    public static KvValue Of(string text) => Empty.Append(text);

    /// <summary>This value with <paramref name="suffix"/> appended.</summary>
    /// <param name="suffix">The appended text.</param>
    /// <returns>The new value.</returns>
    public KvValue Append(string suffix)
    {
        ulong hash = _hash;
        foreach (char c in suffix)
        {
            hash = (hash * Base) + c + 1;
        }

        return new KvValue(Length == 0 ? null : this, suffix, Length + suffix.Length, hash);
    }

    /// <summary>Whether the string equals <paramref name="text"/>, without materialising it.</summary>
    /// <param name="text">The text to compare with.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool TextEquals(string text)
    {
        if (text.Length != Length)
        {
            return false;
        }

        // Walk the pieces from the end backwards, comparing each with the matching slice of text.
        int end = text.Length;
        for (KvValue? node = this; node is not null; node = node._prefix)
        {
            if (node._text is { } cached)
            {
                return cached.AsSpan().SequenceEqual(text.AsSpan(0, end));
            }

            end -= node._piece.Length;
            if (!node._piece.AsSpan().SequenceEqual(text.AsSpan(end, node._piece.Length)))
            {
                return false;
            }
        }

        return end == 0;
    }

    /// <inheritdoc/>
    public bool Equals(KvValue? other)
        => other is not null
            && (ReferenceEquals(this, other)
                || (_hash == other._hash && Length == other.Length && other.TextEquals(Text)));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as KvValue);

    /// <inheritdoc/>
    public override int GetHashCode() => (int)(_hash ^ (_hash >> 32));

    /// <inheritdoc/>
    public override string ToString() => $"\"{Text}\"";
}
