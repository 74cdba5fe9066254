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
    private readonly long _token; // the record's Depth word right after this guard's entry: nesting level and section count

    internal RcuReadGuard(ReaderRecord record, long token)
    {
        _record = record;
        _token = token;
    }

    /// <summary>
    /// Leaves the section. Disposing twice, out of nesting order, a default guard, or a copy of a guard whose section
    /// already ended (even after the thread entered a new one) throws <see cref="InvalidOperationException"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Dispose()
    {
        ReaderRecord? r = _record;
        // The token check catches double disposal, out-of-order disposal of nested guards, and a copy disposed after its
        // section ended (the section count in the high half moved on): each would otherwise silently end a section that
        // someone still relies on.
        if (r is null || r.Hot.Depth != _token)
        {
            ThrowMisuse(r is null);
        }
        _record = null;
        if ((int)_token == 1)
        {
            r.Hot.Depth = _token - 1 + ReaderHotState.SectionUnit; // outside; the next outermost section gets a new count
            RcuDomain.ExitOutermost(r);
        }
        else
        {
            r.Hot.Depth = _token - 1;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    [DoesNotReturn]
    private static void ThrowMisuse(bool disposed) =>
        throw new InvalidOperationException(disposed
            ? "This read guard was already disposed (or was never entered)."
            : "Read guards must be disposed in reverse order of entry, once each, on the thread that entered them (a copy of a guard whose section already ended cannot be disposed).");
}
