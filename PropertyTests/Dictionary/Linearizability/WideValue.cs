namespace RcuCollections.Tests.Dictionary.Linearizability;

/// <summary>
/// A 16-byte value that the runtime cannot write atomically, so RcuDictionary replaces it by writing a fresh slot and
/// swinging a link (which consumes slots, and so drives tiny tables to rebuild). <see cref="Check"/> is always the
/// complement of <see cref="Value"/> in a value that was stored whole; a torn read would break that.
/// </summary>
/// <param name="Value">The model value.</param>
/// <param name="Check">~Value.</param>
public readonly record struct WideValue(long Value, long Check);
