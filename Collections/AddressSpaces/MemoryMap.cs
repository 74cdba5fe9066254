using System.Diagnostics;

namespace RcuCollections.AddressSpaces;

/// <summary>
/// The writer side of an address-space map (QEMU's memory API under the BQL): one writer lock, nested
/// transactions, the address spaces and their listeners. A commit renders one view per distinct reduced root,
/// notifies listeners, publishes the views with <see cref="Volatile.Write{T}(ref T, T)"/> and retires the replaced
/// ones through the <see cref="RcuDomain"/>.
/// </summary>
/// <remarks>
/// <para>Every mutation outside a transaction is its own transaction. Inside one, the region tree is already changed
/// but readers keep seeing the old views until the outermost transaction is disposed; only that dispose renders and
/// publishes, and only if some mutation set the update-pending flag (QEMU's rules: most mutators only when the region
/// is enabled; add and remove when parent and child are both enabled; enabling and resizing always).</para>
/// <para>Nothing is incremental: every commit re-renders every distinct view, and each address space receives a new
/// view object even when its contents did not change.</para>
/// <para><b>Back-pressure.</b> A commit retires replaced views through <see cref="RcuDomain.Defer(Action, bool)"/> with
/// <c>waitForCapacity: false</c>, because it holds the writer lock and a deferred callback (an owner's release, or
/// user work deferred to the same domain) may need that lock. The mutation that committed waits with
/// <see cref="RcuDomain.WaitForCallbackCapacity"/> once the lock is released, so the backlog stays bounded.</para>
/// <para><b>Domain disposal.</b> A write (a region mutation, <see cref="BeginTransaction"/>, <see cref="CreateAddressSpace"/>,
/// <see cref="AddressSpace.RegisterListener"/>) whose outermost transaction would begin after <see cref="Domain"/> was
/// disposed throws <see cref="ObjectDisposedException"/> before it changes anything. A transaction that began before
/// completes: every address space is published and every listener hears <c>Begin</c> and <c>Commit</c>. A view it replaces
/// after the domain's disposal began can no longer be retired through it; its owners are released once that disposal
/// completes (<see cref="RcuDomain.WhenDisposed"/>, after its last grace period, so never under a reader that may still be
/// translating through the view). Disposal (<see cref="Dispose"/>,
/// <see cref="AddressSpace.Dispose"/>, a listener registration's <c>Dispose</c>) works whatever the domain's state.</para>
/// </remarks>
public sealed partial class MemoryMap : IDisposable
{
    private readonly object _gate = new();
    private readonly List<AddressSpace> _addressSpaces = [];
    private readonly List<ListenerRegistration> _listeners = [];
    private readonly HashSet<MemoryRegion> _members = [];
    private readonly RenderScratch _renderScratch = new();
    private Dictionary<FlatViewKey, FlatView> _viewCache = [];
    private int _transactionDepth;
    private bool _updatePending;
    private bool _membershipChanged;
    private bool _notifying;
    private bool _spaceDestroyed;  // an address space was disposed since the last outermost commit
    private bool _disposePending;  // Dispose was called inside a transaction: it completes at the outermost commit
    private bool _disposed;
    private long _commitCount;

    /// <summary>Creates a map whose views are retired through <paramref name="domain"/> (default: <see cref="RcuDomain.Default"/>).</summary>
    /// <param name="domain">The RCU domain readers use; null for the default domain.</param>
    public MemoryMap(RcuDomain? domain = null)
    {
        Domain = domain ?? RcuDomain.Default;
    }

    /// <summary>The RCU domain readers use and views are retired through.</summary>
    public RcuDomain Domain { get; }

    /// <summary>A snapshot of the address spaces, in creation order.</summary>
    public IReadOnlyList<AddressSpace> AddressSpaces
    {
        get
        {
            lock (_gate)
            {
                return _addressSpaces.ToArray();
            }
        }
    }

    /// <summary>How many outermost commits rendered and published views (diagnostics and tests).</summary>
    public long CommitCount => Interlocked.Read(ref _commitCount);

    /// <summary>Whether the calling thread is inside a transaction of this map.</summary>
    public bool InTransaction => Monitor.IsEntered(_gate) && _transactionDepth > 0;

    internal object Gate => _gate;

    /// <summary>True while a listener callback runs on the writer thread; map mutations are refused meanwhile.</summary>
    internal bool Notifying
    {
        get => _notifying;
        set => _notifying = value;
    }

    /// <summary>
    /// Creates an address space rendering <paramref name="root"/> and publishes its first view (shared with other
    /// address spaces whose roots reduce to the same region). The root's whole closure joins this map.
    /// </summary>
    /// <param name="name">The address space's name.</param>
    /// <param name="root">The root region.</param>
    /// <returns>The address space.</returns>
    /// <exception cref="InvalidOperationException">A region reachable from <paramref name="root"/> belongs to another map.</exception>
    public AddressSpace CreateAddressSpace(string name, MemoryRegion root)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(root);
        if (root.IsUnassignedRegion)
        {
            throw new ArgumentException("The unassigned region cannot be a root.", nameof(root));
        }

        EnterWriter();
        try
        {
            RegionGraph.Walk(root, region =>
            {
                MemoryMap? map = region.MapUnsafe;
                if (map is not null && !ReferenceEquals(map, this))
                {
                    throw new InvalidOperationException($"Region '{region.Name}' belongs to another memory map; a region can be in only one map.");
                }

                return map is null;
            });
            AdoptClosure(root);

            // As QEMU's address_space_update_topology: reuse the cached view of the same reduced root, or render one.
            // No listener can be registered on the new space yet, so nobody is notified.
            FlatView view = GetOrRenderView(root, _viewCache);
            AddressSpace space = new(this, name, root, FlatView.Empty);
            space.Publish(view);
            _addressSpaces.Add(space);
            return space;
        }
        finally
        {
            ExitWriter();
        }
    }

    /// <summary>
    /// Starts a (possibly nested) transaction on the calling thread and takes the writer lock; disposing the outermost
    /// one renders and publishes. Dispose it on the same thread.
    /// </summary>
    /// <returns>The transaction scope.</returns>
    /// <exception cref="InvalidOperationException">Called from a listener callback.</exception>
    public IDisposable BeginTransaction()
    {
        EnterWriter();
        return new MemoryTransaction(this);
    }

    /// <summary>The <c>info mtree</c> output (docs/design/address-space-rendering.md §5), hiding disabled
    /// regions.</summary>
    /// <returns>The text.</returns>
    public string FormatTree() => FormatTree(includeDisabled: false);

    /// <summary>The <c>info mtree</c> output; <paramref name="includeDisabled"/> is <c>-D</c>.</summary>
    /// <param name="includeDisabled">Show disabled regions, marked <c>[disabled]</c>.</param>
    /// <returns>The text.</returns>
    public string FormatTree(bool includeDisabled)
    {
        lock (_gate)
        {
            return MtreeFormatter.FormatTree(_addressSpaces, includeDisabled);
        }
    }

    /// <summary>The <c>info mtree -f</c> output (docs/design/address-space-rendering.md §5): one block per distinct
    /// current view.</summary>
    /// <returns>The text.</returns>
    public string FormatFlat()
    {
        lock (_gate)
        {
            return MtreeFormatter.FormatFlat(_addressSpaces);
        }
    }

    /// <summary>
    /// Destroys every address space (see <see cref="AddressSpace.Dispose"/>), detaches every listener and releases every
    /// region. Idempotent, and works whatever the state of <see cref="Domain"/>.
    /// </summary>
    /// <remarks>
    /// Inside a transaction of this map it takes effect at the outermost commit, like every other change in a transaction:
    /// readers see the old views until then; listeners then hear every range deleted, and the owners of the last views are
    /// released a grace period later. Meanwhile the map refuses further changes (<see cref="ObjectDisposedException"/>).
    /// </remarks>
    /// <exception cref="InvalidOperationException">Called from a listener callback.</exception>
    public void Dispose()
    {
        if (!TryEnterTeardown())
        {
            return;
        }

        try
        {
            _disposePending = true;
            _updatePending = true;
            _membershipChanged = true;
            _spaceDestroyed = true;
            foreach (AddressSpace space in _addressSpaces)
            {
                space.IsDisposed = true;
            }
        }
        finally
        {
            ExitWriter();
        }
    }

    /// <summary>
    /// Takes the writer lock for a change (a region mutation, a transaction, a registration). Refused from a listener
    /// callback, on a disposed map (or one whose disposal is pending), and, when it would begin the outermost
    /// transaction, on a disposed domain: the change is refused before anything changes (D5).
    /// </summary>
    internal void EnterWriter()
    {
        Monitor.Enter(_gate);
        if (_notifying)
        {
            Monitor.Exit(_gate);
            ThrowNotifying();
        }

        if (_disposed || _disposePending)
        {
            Monitor.Exit(_gate);
            throw new ObjectDisposedException(nameof(MemoryMap));
        }

        if (_transactionDepth == 0 && Domain.IsDisposed)
        {
            Monitor.Exit(_gate);
            throw new ObjectDisposedException(nameof(RcuDomain), "The memory map's RCU domain was disposed; the map can still be read and disposed but no longer changed.");
        }

        _transactionDepth++;
    }

    /// <summary>
    /// Takes the writer lock for a teardown (disposing the map, an address space or a listener registration): allowed
    /// whatever the domain's state. Returns false, holding nothing, when the map is disposed or its disposal is pending
    /// (so every teardown is a no-op after the map's).
    /// </summary>
    private bool TryEnterTeardown()
    {
        Monitor.Enter(_gate);
        if (_disposed || _disposePending)
        {
            Monitor.Exit(_gate);
            return false;
        }

        if (_notifying)
        {
            Monitor.Exit(_gate);
            ThrowNotifying();
        }

        _transactionDepth++;
        return true;
    }

    internal void ExitWriter()
    {
        Debug.Assert(Monitor.IsEntered(_gate) && _transactionDepth > 0, "writer scopes are balanced on their thread");
        // Every writer scope entered the gate once: the outermost one's exit releases it completely. (Decided from the
        // depth, not Monitor.IsEntered, which Coyote's controlled monitor does not support outside the lock.)
        bool outermost = _transactionDepth == 1;
        try
        {
            try
            {
                if (--_transactionDepth == 0)
                {
                    Commit();
                }
            }
            finally
            {
                AssertInvariants();
                Monitor.Exit(_gate);
            }
        }
        finally
        {
            // D4: the commit deferred under the lock without waiting; back-pressure applies once the lock is released.
            if (outermost)
            {
                Domain.WaitForCallbackCapacity();
            }
        }
    }

    private static void ThrowNotifying() =>
        throw new InvalidOperationException("A memory listener callback must not change the memory map (mutate regions, start transactions, register listeners or destroy address spaces).");

    internal void MarkUpdatePending()
    {
        Debug.Assert(Monitor.IsEntered(_gate), "mutations hold the writer lock");
        _updatePending = true;
    }

    internal void MarkMembershipChanged()
    {
        Debug.Assert(Monitor.IsEntered(_gate), "mutations hold the writer lock");
        _membershipChanged = true;
    }

    /// <summary>Makes every region reachable from <paramref name="start"/> a member (membership is closed downwards).</summary>
    internal void AdoptClosure(MemoryRegion start)
    {
        Debug.Assert(Monitor.IsEntered(_gate), "membership changes hold the writer lock");
        RegionGraph.Walk(start, region =>
        {
            if (ReferenceEquals(region.MapUnsafe, this))
            {
                return false;
            }

            Debug.Assert(region.MapUnsafe is null, "conflicts were rejected before adopting");
            region.SetMap(this);
            _members.Add(region);
            return true;
        });
    }

    internal IDisposable RegisterListener(AddressSpace space, IMemoryListener listener, int priority)
    {
        EnterWriter();
        try
        {
            ThrowIfSpaceDisposed(space);
            foreach (ListenerRegistration existing in _listeners)
            {
                if (ReferenceEquals(existing.Listener, listener))
                {
                    throw new InvalidOperationException($"The listener is already registered on address space '{existing.AddressSpace.Name}'.");
                }
            }

            ListenerRegistration registration = new(listener, priority, space);
            ListenerRegistration.InsertOrdered(_listeners, registration);
            ListenerRegistration.InsertOrdered(space.Listeners, registration);

            // Replay the current view (the old one, if a transaction is open: the next commit sends the difference).
            ListenerNotifier notifier = new(this);
            notifier.Invoke(listener, static l => l.Begin());
            foreach (FlatRange range in space.PublishedView.RangeArray)
            {
                notifier.Invoke(listener, range, static (l, r) => l.RegionAdd(r));
            }

            notifier.Invoke(listener, static l => l.Commit());
            notifier.ThrowIfAnyFailed();
            return registration;
        }
        finally
        {
            ExitWriter();
        }
    }

    internal bool UnregisterListener(AddressSpace space, IMemoryListener listener)
    {
        ListenerRegistration? registration;
        lock (_gate)
        {
            registration = space.Listeners.Find(r => ReferenceEquals(r.Listener, listener));
        }

        return registration is not null && UnregisterListener(registration);
    }

    internal bool UnregisterListener(ListenerRegistration registration)
    {
        if (!TryEnterTeardown())
        {
            return false; // the map's disposal detached every registration
        }

        try
        {
            if (!registration.IsRegistered)
            {
                return false;
            }

            ListenerNotifier notifier = new(this);
            IMemoryListener listener = registration.Listener;
            notifier.Invoke(listener, static l => l.Begin());
            foreach (FlatRange range in registration.AddressSpace.PublishedView.RangeArray)
            {
                notifier.Invoke(listener, range, static (l, r) => l.RegionDel(r));
            }

            notifier.Invoke(listener, static l => l.Commit());
            Detach(registration);
            notifier.ThrowIfAnyFailed();
            return true;
        }
        finally
        {
            ExitWriter();
        }
    }

    internal void DestroyAddressSpace(AddressSpace space)
    {
        if (!TryEnterTeardown())
        {
            return; // the map's disposal destroyed every address space
        }

        try
        {
            if (space.IsDisposed)
            {
                return;
            }

            // QEMU's address_space_detach: a commit that switches it to the empty view tells its listeners about every
            // range; the last view is then retired like any other. Inside a transaction that is the outermost commit
            // (readers see the old view until then); the commit then detaches its listeners and drops it from the map.
            space.IsDisposed = true;
            _updatePending = true;
            _membershipChanged = true;
            _spaceDestroyed = true;
        }
        finally
        {
            ExitWriter();
        }
    }

    private void Detach(ListenerRegistration registration)
    {
        registration.IsRegistered = false;
        _listeners.Remove(registration);
        registration.AddressSpace.Listeners.Remove(registration);
    }

    private void Commit()
    {
        Debug.Assert(Monitor.IsEntered(_gate) && _transactionDepth == 0, "only the outermost commit acts");
        ListenerNotifier? notifier = null;
        if (_updatePending)
        {
            _updatePending = false;
            notifier = PublishNewViews();
        }

        if (_spaceDestroyed)
        {
            // After their empty view was published (their listeners heard every range deleted): forget them.
            _spaceDestroyed = false;
            RemoveDestroyedSpaces();
        }

        if (_membershipChanged)
        {
            _membershipChanged = false;
            RecomputeMembership();
        }

        if (_disposePending)
        {
            _disposePending = false;
            _disposed = true;
            _viewCache.Clear();
            Debug.Assert(_addressSpaces.Count == 0 && _listeners.Count == 0 && _members.Count == 0, "every space was destroyed");
        }

        // Listener failures are reported once the whole commit is done (views, membership, disposal).
        notifier?.ThrowIfAnyFailed();
    }

    private void RemoveDestroyedSpaces()
    {
        for (int i = _addressSpaces.Count - 1; i >= 0; i--)
        {
            AddressSpace space = _addressSpaces[i];
            if (!space.IsDisposed)
            {
                continue;
            }

            foreach (ListenerRegistration registration in space.Listeners.ToArray())
            {
                Detach(registration);
            }

            _addressSpaces.RemoveAt(i);
        }
    }

    private ListenerNotifier PublishNewViews()
    {
        Interlocked.Increment(ref _commitCount);

        // 1. flatviews_reset: render one new view per distinct reduced root, nothing incremental.
        Dictionary<FlatViewKey, FlatView> views = [];
        FlatView[] next = new FlatView[_addressSpaces.Count];
        for (int i = 0; i < next.Length; i++)
        {
            AddressSpace space = _addressSpaces[i];
            next[i] = space.IsDisposed ? FlatView.Empty : GetOrRenderView(space.Root, views);
        }

        _viewCache = views;

        ListenerNotifier notifier = new(this);

        // 2. begin() to every listener, ascending priority.
        foreach (ListenerRegistration registration in _listeners)
        {
            notifier.Invoke(registration.Listener, static l => l.Begin());
        }

        // 3. Each address space in creation order: diff (if it has listeners), publish, retire the old view.
        for (int i = 0; i < next.Length; i++)
        {
            AddressSpace space = _addressSpaces[i];
            FlatView previous = space.PublishedView;
            if (space.Listeners.Count > 0)
            {
                ListenerDiff.Notify(space.Listeners, previous.RangeArray, next[i].RangeArray, notifier);
            }

            FlatView replaced = space.Publish(next[i]);
            Debug.Assert(ReferenceEquals(replaced, previous), "only commits publish, under the lock");

            // The replaced view's owners are released a grace period after its last reference goes (Defer), so a
            // reader still translating through it keeps them alive. Under the writer lock: no back-pressure wait (D4).
            replaced.ReleaseReference(underLock: true);
        }

        // 4. commit() to every listener, ascending priority.
        foreach (ListenerRegistration registration in _listeners)
        {
            notifier.Invoke(registration.Listener, static l => l.Commit());
        }

        return notifier;
    }

    private FlatView GetOrRenderView(MemoryRegion root, Dictionary<FlatViewKey, FlatView> cache)
    {
        if (!FlatViewRenderer.TryReduceRoot(root, out FlatViewKey key))
        {
            return FlatView.Empty;
        }

        if (!cache.TryGetValue(key, out FlatView? view))
        {
            view = new FlatView(key.Root, FlatViewRenderer.Render(key, _renderScratch), Domain);
            cache.Add(key, view);
        }

        return view;
    }

    private void RecomputeMembership()
    {
        HashSet<MemoryRegion> reachable = [];
        foreach (AddressSpace space in _addressSpaces)
        {
            if (!space.IsDisposed)
            {
                RegionGraph.Walk(space.Root, region => reachable.Add(region));
            }
        }

        foreach (MemoryRegion region in _members)
        {
            if (!reachable.Contains(region))
            {
                region.SetMap(null);
            }
        }

        _members.Clear();
        _members.UnionWith(reachable);
        Debug.Assert(reachable.All(r => ReferenceEquals(r.MapUnsafe, this)), "reachable regions were adopted when they became reachable");
    }

    private void ThrowIfSpaceDisposed(AddressSpace space)
    {
        if (space.IsDisposed)
        {
            throw new ObjectDisposedException(nameof(AddressSpace), $"Address space '{space.Name}' was disposed.");
        }
    }
}
