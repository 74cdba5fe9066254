using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using RcuCollections.Internal;

namespace RcuCollections;

/// <summary>
/// A read-side critical section, entered by <see cref="RcuDomain.ReadLock"/> and left by <see cref="Dispose"/>.
/// Use it with <c>using var guard = domain.ReadLock();</c>. Being a <c>ref struct</c>, it cannot live across an
/// <c>await</c>, which enforces at compile time that a section never moves to another thread.
/// </summary>
public ref struct RcuReadGuard
{
    private ReaderRecord? _record;
    private readonly int _level;

    internal RcuReadGuard(ReaderRecord record, int level)
    {
        _record = record;
        _level = level;
    }

    /// <summary>Leaves the section. Disposing twice, out of nesting order, or a default guard throws <see cref="InvalidOperationException"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Dispose()
    {
        ReaderRecord? r = _record;
        // The level check catches double disposal and out-of-order disposal of nested guards: both would
        // otherwise silently end a section that someone still relies on.
        if (r is null || r.Hot.Depth != _level)
        {
            ThrowMisuse(r is null);
        }
        _record = null;
        r.Hot.Depth = _level - 1;
        if (_level == 1)
        {
            RcuDomain.ExitOutermost(r);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    [DoesNotReturn]
    private static void ThrowMisuse(bool disposed) =>
        throw new InvalidOperationException(disposed
            ? "This read guard was already disposed (or was never entered)."
            : "Read guards must be disposed in reverse order of entry, once each, on the thread that entered them.");
}
