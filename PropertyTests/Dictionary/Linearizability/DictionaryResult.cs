using System.Globalization;

namespace RcuCollections.Tests.Dictionary.Linearizability;

/// <summary>What a dictionary call observed.</summary>
/// <param name="Success">The bool result (found, added, removed, updated); for calls returning a value, true.</param>
/// <param name="Value">The value returned or found; 0 when none (no call ever writes 0).</param>
/// <param name="Comparison">The comparison value a TryUpdate or TryRemove(pair) used (chosen at run time); else 0.</param>
/// <param name="FactoryCalls">Every factory run of the call, in order; empty for calls without factories.</param>
/// <param name="QuiescentError">For <see cref="DictionaryCommand.QuiescentSnapshot"/>: what disagreed, or null.</param>
public sealed record DictionaryResult(bool Success, int Value, int Comparison = 0, FactoryCall[]? FactoryCalls = null, string? QuiescentError = null)
{
    /// <summary>The factory runs (never null).</summary>
    public IReadOnlyList<FactoryCall> Calls => FactoryCalls ?? [];

    /// <inheritdoc/>
    public override string ToString()
    {
        string text = Value != 0 ? $"{Success.ToString().ToLowerInvariant()}, {Value.ToString(CultureInfo.InvariantCulture)}" : Success.ToString().ToLowerInvariant();
        if (Comparison != 0)
        {
            text = $"{text} (comparing {Comparison.ToString(CultureInfo.InvariantCulture)})";
        }

        if (Calls.Count > 0)
        {
            text = $"{text} [{string.Join(", ", Calls)}]";
        }

        return QuiescentError is null ? text : $"{text} INCONSISTENT: {QuiescentError}";
    }
}
