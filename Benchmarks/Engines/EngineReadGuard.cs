using RcuCollections.Benchmarks.Baselines.LegacyRcu;

namespace RcuCollections.Benchmarks.Engines;

/// <summary>
/// A read section of either engine: it wraps the real engine's <see cref="RcuReadGuard"/> or names the legacy
/// domain to unlock. A <c>ref struct</c> like the real guard, so scenarios use the same
/// <c>using var guard = engine.ReadLock();</c> shape on both engines.
/// </summary>
public ref struct EngineReadGuard
{
    private RcuReadGuard _guard;
    private LegacyRcuDomain? _legacy;

    /// <summary>Wraps a guard of the real engine.</summary>
    /// <param name="guard">The guard, now owned by this one.</param>
    public EngineReadGuard(RcuReadGuard guard)
    {
        _guard = guard;
        _legacy = null;
    }

    /// <summary>Names a legacy domain whose section the caller has just entered.</summary>
    /// <param name="legacy">The domain to unlock on <see cref="Dispose"/>.</param>
    public EngineReadGuard(LegacyRcuDomain legacy)
    {
        ArgumentNullException.ThrowIfNull(legacy);
        _guard = default;
        _legacy = legacy;
    }

    /// <summary>Leaves the section.</summary>
    public void Dispose()
    {
        if (_legacy is { } legacy)
        {
            _legacy = null;
            legacy.ReadUnlock();
        }
        else
        {
            _guard.Dispose();
        }
    }
}
