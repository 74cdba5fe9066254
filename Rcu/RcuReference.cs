namespace RcuCollections;

/// <summary>
/// A reference that many threads read and writers replace, published under RCU: the typed counterpart of liburcu's
/// <c>rcu_dereference</c> / <c>rcu_assign_pointer</c> / <c>rcu_xchg_pointer</c> / <c>rcu_cmpxchg_pointer</c>. The
/// pattern most users need: a configuration, a routing table or a lookup snapshot that readers use for the length of
/// a read section while a writer publishes a new one and the old one is released after a grace period.
/// </summary>
/// <typeparam name="T">The published object's type. Treat a published object as immutable.</typeparam>
/// <remarks>
/// <para>Readers: <c>using (reference.Domain.ReadLock()) { var config = reference.Value; ... }</c>. The object read stays
/// valid, and is not disposed by <see cref="Replace"/> or <see cref="Update(Func{T, T})"/>, until the section ends.
/// Outside a section the object may already have been retired (disposed) although the GC keeps its memory.</para>
/// <para>Writers: <see cref="Replace"/> and <see cref="Update(Func{T, T})"/> publish and retire the old object after a
/// grace period (disposing it if it is <see cref="IDisposable"/>); <see cref="Exchange"/> and
/// <see cref="CompareExchange"/> publish and hand the old object to the caller, who owns it from then on. Publishing one
/// <see cref="IDisposable"/> instance in two places and replacing it in one disposes it under the other: do not.</para>
/// <para>If the domain is disposed, <see cref="Replace"/> and <see cref="Update(Func{T, T})"/> throw
/// <see cref="ObjectDisposedException"/> before publishing. If its disposal begins after the swap, the old object is
/// disposed once the disposal completes (<see cref="RcuDomain.WhenDisposed"/>): its last grace period waits for every
/// reader that could hold it.</para>
/// </remarks>
public sealed class RcuReference<T> where T : class
{
    private T? _value;

    /// <summary>Creates a reference holding <paramref name="value"/>, read under sections of <paramref name="domain"/>.</summary>
    /// <param name="value">The initial object, or null.</param>
    /// <param name="domain">The domain whose grace periods retire replaced objects; <see cref="RcuDomain.Default"/> if null.</param>
    public RcuReference(T? value = null, RcuDomain? domain = null)
    {
        _value = value;
        Domain = domain ?? RcuDomain.Default;
    }

    /// <summary>Gets the domain whose read sections protect the published object.</summary>
    public RcuDomain Domain { get; }

    /// <summary>
    /// Gets the published object (an acquire read: everything written to it before it was published is visible).
    /// Use it inside a read section of <see cref="Domain"/>, for as long as the section lasts. Allocates nothing.
    /// </summary>
    public T? Value => Volatile.Read(ref _value); // acquire: pairs with the release (full fence) of every publishing write below

    /// <summary>
    /// Publishes <paramref name="value"/> and returns the object it replaced, which the caller now owns: retire it
    /// (<see cref="RcuDomain.Retire(IDisposable)"/>), defer work on it, or keep it. Allocates nothing.
    /// </summary>
    /// <param name="value">The object to publish.</param>
    /// <returns>The object that was published before.</returns>
    public T? Exchange(T? value) => Interlocked.Exchange(ref _value, value); // full fence: a release publication

    /// <summary>
    /// Publishes <paramref name="value"/> if the published object is <paramref name="comparand"/> (reference equality),
    /// as <see cref="Interlocked.CompareExchange{T}(ref T, T, T)"/>. Allocates nothing.
    /// </summary>
    /// <param name="value">The object to publish.</param>
    /// <param name="comparand">The object expected to be published.</param>
    /// <returns>The object that was published before the call: <paramref name="comparand"/> if the swap happened.</returns>
    public T? CompareExchange(T? value, T? comparand) => Interlocked.CompareExchange(ref _value, value, comparand);

    /// <summary>
    /// Publishes <paramref name="value"/> and retires the object it replaced after a grace period: disposed then if it is
    /// <see cref="IDisposable"/>, otherwise simply left to the GC (no reader can still use it). Allocates at most the
    /// retire node.
    /// </summary>
    /// <param name="value">The object to publish.</param>
    /// <exception cref="ObjectDisposedException">The domain was disposed (nothing was published).</exception>
    public void Replace(T? value)
    {
        ThrowIfDomainDisposed();
        T? old = Interlocked.Exchange(ref _value, value);
        RetireReplaced(old, value);
    }

    /// <summary>
    /// Publishes <c>transform(current)</c> with a compare-and-swap loop and retires the replaced object after a grace
    /// period (as <see cref="Replace"/>). <paramref name="transform"/> may run more than once, on different current
    /// values, when writers race; only the result that is published counts. It should not have side effects.
    /// </summary>
    /// <param name="transform">Computes the new object from the current one (which it must not change).</param>
    /// <returns>The object published.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transform"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The domain was disposed (nothing was published).</exception>
    public T Update(Func<T?, T> transform)
    {
        ArgumentNullException.ThrowIfNull(transform);
        return Update(static (current, f) => f(current), transform);
    }

    /// <summary>
    /// <see cref="Update(Func{T, T})"/> with a state argument, so that the transform need not capture (and allocate) a
    /// closure.
    /// </summary>
    /// <typeparam name="TState">The state's type.</typeparam>
    /// <param name="transform">Computes the new object from the current one and <paramref name="state"/>.</param>
    /// <param name="state">Passed to <paramref name="transform"/>.</param>
    /// <returns>The object published.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transform"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The domain was disposed (nothing was published).</exception>
    public T Update<TState>(Func<T?, TState, T> transform, TState state)
    {
        ArgumentNullException.ThrowIfNull(transform);
        ThrowIfDomainDisposed();
        T? current = Volatile.Read(ref _value);
        while (true)
        {
            // User code runs outside any lock of ours; if it throws, nothing was published.
            T next = transform(current, state);
            T? seen = Interlocked.CompareExchange(ref _value, next, current);
            if (ReferenceEquals(seen, current))
            {
                RetireReplaced(current, next);
                return next;
            }
            current = seen;
        }
    }

    private void ThrowIfDomainDisposed() => ObjectDisposedException.ThrowIf(Domain.IsDisposed, Domain);

    /// <summary>Retires <paramref name="old"/> after a grace period if it is disposable and was really replaced.</summary>
    private void RetireReplaced(T? old, T? published)
    {
        if (old is not IDisposable disposable || ReferenceEquals(old, published)) return;
        try
        {
            Domain.Retire(disposable);
        }
        catch (ObjectDisposedException)
        {
            // The domain began its disposal after our swap: dispose the object once the disposal's last grace period (which
            // waits for every reader that could hold it) is over, rather than under a reader or never.
            Domain.WhenDisposed.ContinueWith(static (_, d) => ((IDisposable)d!).Dispose(), disposable,
                CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }
}
