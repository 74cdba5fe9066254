using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using RcuCollections.Internal;

namespace RcuCollections;

/// <summary>
/// The calling thread's reader of one <see cref="RcuDomain"/>, from <see cref="RcuDomain.GetThreadReader"/>: it holds
/// the thread's record, so a section entered through it skips the thread-static lookup that
/// <see cref="RcuDomain.ReadLock"/> makes on every call. Use it where one thread enters sections in a loop.
/// </summary>
/// <remarks>
/// Being a <c>ref struct</c>, a reader can never leave the stack of the thread that obtained it: no field, no lambda
/// capture, no <c>await</c>. That is its thread affinity, checked at compile time and free at run time. Sections
/// entered through it and through <see cref="RcuDomain.ReadLock"/> on the same thread are one nesting: they share
/// the thread's record, and the guards follow the same rules (dispose once, in reverse order, on this thread).
/// </remarks>
public readonly ref struct RcuThreadReader
{
    private readonly ReaderRecord? _record;
    private readonly RcuDomain? _domain; // _record.Domain, kept beside it so that entry loads the counter without a dependent load

    internal RcuThreadReader(ReaderRecord record)
    {
        _record = record;
        _domain = record.Domain;
    }

    /// <summary>Gets the domain this reader belongs to.</summary>
    /// <exception cref="InvalidOperationException">The reader is <c>default</c>, not one from <see cref="RcuDomain.GetThreadReader"/>.</exception>
    public RcuDomain Domain => Record.Domain;

    /// <summary>
    /// Enters a read-side section of <see cref="Domain"/> and returns the guard that leaves it; as
    /// <see cref="RcuDomain.ReadLock"/>, without looking the thread's record up.
    /// </summary>
    /// <returns>The guard; dispose it on this thread.</returns>
    /// <exception cref="InvalidOperationException">The reader is <c>default</c>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public RcuReadGuard ReadLock() => RcuDomain.Enter(_domain!, Record);

    /// <summary>Gets whether the grace-period side has asked this thread to leave its section soon (see <see cref="RcuDomain.ForceRequested"/>).</summary>
    /// <exception cref="InvalidOperationException">The reader is <c>default</c>.</exception>
    public bool ForceRequested => Volatile.Read(ref Record.Hot.ForceFlag) != 0;

    /// <summary>Gets whether this thread is inside a read-side section of <see cref="Domain"/>.</summary>
    /// <exception cref="InvalidOperationException">The reader is <c>default</c>.</exception>
    public bool InReadSection => ReaderHotState.InSection(Record.Hot.Depth);

    /// <summary>Reports a quiescent state without leaving the section (see <see cref="RcuDomain.Quiescent"/>).</summary>
    /// <exception cref="InvalidOperationException">The reader is <c>default</c>.</exception>
    public void Quiescent() => RcuDomain.QuiescentOn(Record);

    private ReaderRecord Record
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            ReaderRecord? r = _record;
            if (r is null) ThrowDefault();
            return r;
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowDefault() =>
        throw new InvalidOperationException("This RcuThreadReader is default; get one from RcuDomain.GetThreadReader().");
}
