using RcuCollections.Internal;

namespace RcuCollections;

/// <summary>
/// A read-side section that may cross <c>await</c> and end on another thread (Linux's SRCU idea), from
/// <see cref="RcuDomain.EnterAsyncSection"/>. Grace periods of the domain wait for every async section that began before
/// them, exactly as for thread sections.
/// </summary>
/// <remarks>
/// <para>Use it as <c>using (domain.EnterAsyncSection()) { var v = reference.Value; await ...; use v; }</c>. Unlike
/// <see cref="RcuReadGuard"/> it is an ordinary struct, so it can live in an async method's state; it does not make the
/// thread "inside a section" (<see cref="RcuDomain.InReadSection"/> stays false), and a thread section and an async
/// section of one domain are independent.</para>
/// <para>Dispose it once. Disposing it twice (or a copy after the original) throws <see cref="InvalidOperationException"/>
/// and never changes the counts. Awaiting <see cref="RcuDomain.SynchronizeAsync"/> or calling
/// <see cref="RcuDomain.Synchronize"/> or <see cref="RcuDomain.Barrier"/> inside an async section of the same domain waits
/// for itself and never ends: that cannot be detected without tracking the section in the execution context, which
/// would cost every section far more than it does now. The stall warning (<see cref="RcuDomain.ReaderStalled"/>, with
/// <see cref="RcuReaderStalledEventArgs.AsyncSections"/> above zero) reports such a hang.</para>
/// <para>A grace period cannot force an async section to end (there is no thread to kick): it polls it every
/// <see cref="RcuOptions.PollInterval"/>, or every millisecond once forced (<see cref="RcuDomain.Expedite"/>,
/// <see cref="RcuDomain.Barrier"/>), and counts it in the stall warning.</para>
/// </remarks>
public struct RcuAsyncSection : IDisposable
{
    private AsyncSectionToken? _token;

    internal RcuAsyncSection(AsyncSectionToken token) => _token = token;

    /// <summary>Ends the section, on any thread.</summary>
    /// <exception cref="InvalidOperationException">The section was already disposed (through this variable or a copy), or is <c>default</c>.</exception>
    public void Dispose()
    {
        AsyncSectionToken? token = _token;
        _token = null;
        if (token is null || !token.TryClaimExit())
            throw new InvalidOperationException("This async read section was already disposed (or was never entered).");
        token.Domain.ExitAsyncSection(token.Phase);
    }
}
