using System.Diagnostics;

namespace RcuCollections;

/// <summary>
/// A thread-safe, copy-on-write list in the manner of Java's <c>CopyOnWriteArrayList</c>: readers never lock
/// and never wait; every write builds a new immutable version and publishes it atomically.
/// </summary>
/// <remarks>
/// <para>
/// The list is one reference to an immutable version (an exact-length array). Reads load it once
/// (<see cref="Volatile.Read{T}(ref readonly T)"/>), so every read is wait-free, sees one consistent version, and a
/// snapshot (<see cref="Snapshot"/>, <see cref="GetEnumerator"/>, <see cref="Read"/>) costs O(1). Writers are
/// serialised by one lock, copy the current array with their change applied, and publish the copy with a release
/// store; each write is atomic and linearizable, and <see cref="AddIfAbsent"/> and <see cref="AddAllAbsent"/> are
/// atomic against concurrent writers. A write costs O(n); use <see cref="Update(Action{RcuListEditor{T}})"/> to
/// apply many changes with one copy.
/// </para>
/// <para>
/// Pooled mode (<see cref="RcuListOptions.PoolArrays"/>) recycles the arrays of replaced versions after a grace
/// period of <see cref="Domain"/>, so steady-state writes allocate nothing while every <see cref="Read"/> span
/// stays valid until its section ends. Arrays handed out by <see cref="Snapshot"/> or <see cref="GetEnumerator"/>
/// are marked escaped and never recycled. See <c>docs/list.md</c>.
/// </para>
/// <para>
/// Writers never wait for the domain's back-pressure (<see cref="RcuOptions.MaxPendingCallbacks"/>) while they hold the
/// write lock, so a deferred callback may write to the list; each write calls <see cref="RcuDomain.WaitForCallbackCapacity"/>
/// after releasing it. A write on a list whose domain is disposed throws <see cref="ObjectDisposedException"/> before it
/// changes anything; reads keep working.
/// </para>
/// <para>
/// Element equality (<see cref="Contains"/>, <see cref="IndexOf(T)"/>, <see cref="Remove"/>, <see cref="AddIfAbsent"/>)
/// uses <see cref="EqualityComparer{T}.Default"/>. <see langword="null"/> elements are allowed.
/// </para>
/// <para>
/// Each member reads one version, but two calls may read two: <c>for (int i = 0; i &lt; list.Count; i++) Use(list[i]);</c>
/// can see <see cref="Count"/> of one version and <c>this[i]</c> of a later, shorter one (and throw), or mix elements of
/// two versions. Read one version for the whole loop instead:
/// <code>
/// using (RcuListReader&lt;T&gt; reader = list.Read())          // no allocation; valid until Dispose
/// {
///     for (int i = 0; i &lt; reader.Count; i++) Use(reader[i]);
/// }
/// ImmutableArray&lt;T&gt; snapshot = list.Snapshot();         // or keep a snapshot for as long as you like
/// </code>
/// The List-style queries (<see cref="Find"/>, <see cref="FindIndex(Predicate{T})"/>, <see cref="IndexOf(T, int)"/>,
/// <see cref="ToArray"/>, <see cref="ConvertAll{TOutput}"/>, ...) each work on one version, and the bulk writes
/// (<see cref="Sort()"/>, <see cref="ReplaceAll"/>, <see cref="InsertRange"/>, <see cref="RemoveRange"/>) each publish one.
/// </para>
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
[DebuggerDisplay("Count = {Count}")]
[DebuggerTypeProxy(typeof(RcuListDebugView<>))]
public sealed partial class RcuList<T> : IList<T>, IReadOnlyList<T>
{
    private readonly RcuDomain _domain;
    private readonly RcuListVersionPool<T>? _pool; // null: versions are ordinary garbage-collected arrays
    private readonly Lock _writeLock = new();

    // The published version. Written only under _writeLock, with Volatile.Write (release) after the new version's
    // array is fully written; read by readers with Volatile.Read (acquire), which pairs with that store.
    private RcuListVersion<T> _current;

    /// <summary>Creates an empty list on <see cref="RcuDomain.Default"/>, without array pooling.</summary>
    public RcuList()
        : this(new RcuListOptions(), collection: null)
    {
    }

    /// <summary>Creates a list holding the elements of <paramref name="collection"/>, in order, on <see cref="RcuDomain.Default"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="collection"/> is null.</exception>
    public RcuList(IEnumerable<T> collection)
        : this(new RcuListOptions(), collection ?? throw new ArgumentNullException(nameof(collection)))
    {
    }

    /// <summary>Creates an empty list whose <see cref="Read"/> sections belong to <paramref name="domain"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="domain"/> is null.</exception>
    public RcuList(RcuDomain domain)
        : this(new RcuListOptions { Domain = domain ?? throw new ArgumentNullException(nameof(domain)) }, collection: null)
    {
    }

    /// <summary>Creates an empty list with the given options (domain, pooled mode).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public RcuList(RcuListOptions options)
        : this(options ?? throw new ArgumentNullException(nameof(options)), collection: null)
    {
    }

    /// <summary>Creates a list holding the elements of <paramref name="collection"/>, in order, with the given options.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="collection"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public RcuList(IEnumerable<T> collection, RcuListOptions options)
        : this(options ?? throw new ArgumentNullException(nameof(options)),
               collection ?? throw new ArgumentNullException(nameof(collection)))
    {
    }

    private RcuList(RcuListOptions options, IEnumerable<T>? collection)
    {
        options.Validate();
        _domain = options.Domain ?? RcuDomain.Default;
        if (options.PoolArrays)
            _pool = new RcuListVersionPool<T>(options.MaxPooledLengths, options.MaxPooledArraysPerLength, options.PooledElementsPerLength);

        // Enumerated before publication, so the list never runs user code while readers can see it.
        T[] items = collection is null ? [] : collection.ToArray();
        _current = items.Length == 0 ? RcuListVersion<T>.Empty : new RcuListVersion<T>(items, _pool);
    }

    /// <summary>Gets the domain whose read-side sections protect <see cref="Read"/> and whose grace periods gate array recycling.</summary>
    public RcuDomain Domain => _domain;

    /// <summary>Gets whether this list recycles the arrays of replaced versions (<see cref="RcuListOptions.PoolArrays"/>).</summary>
    public bool IsPooled => _pool is not null;

    /// <summary>Gets the number of elements in the current version. Wait-free.</summary>
    // No read section even in pooled mode: a version object keeps its array for life, so the length of whatever
    // version we load is the count of a version that was current at the load, even if it is recycled afterwards.
    public int Count => Volatile.Read(ref _current).Items.Length; // acquire: pairs with Publish's release store

    bool ICollection<T>.IsReadOnly => false;

    /// <summary>The recycler in pooled mode (tests and benchmarks inspect its counters); null otherwise.</summary>
    internal RcuListVersionPool<T>? Pool => _pool;
}
