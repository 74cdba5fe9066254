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
/// </remarks>
public sealed class MemoryMap : IDisposable
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

    /// <summary>The <c>info mtree</c> output (spec §5), hiding disabled regions.</summary>
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

    /// <summary>The <c>info mtree -f</c> output (spec §5): one block per distinct current view.</summary>
    /// <returns>The text.</returns>
    public string FormatFlat()
    {
        lock (_gate)
        {
            return MtreeFormatter.FormatFlat(_addressSpaces);
        }
    }

    /// <summary>Destroys every address space (see <see cref="AddressSpace.Dispose"/>) and releases every region.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
        }

        EnterWriter();
        try
        {
            if (_disposed)
            {
                return;
            }

            _updatePending = true;
            foreach (AddressSpace space in _addressSpaces)
            {
                space.IsDisposed = true;
            }
        }
        finally
        {
            ExitWriter();
        }

        lock (_gate)
        {
            _addressSpaces.Clear();
            _disposed = true;
            foreach (MemoryRegion region in _members)
            {
                region.SetMap(null);
            }

            _members.Clear();
            _viewCache.Clear();
        }
    }

    internal void EnterWriter()
    {
        Monitor.Enter(_gate);
        if (_notifying)
        {
            Monitor.Exit(_gate);
            throw new InvalidOperationException("A memory listener callback must not change the memory map (mutate regions, start transactions, register listeners or destroy address spaces).");
        }

        if (_disposed)
        {
            Monitor.Exit(_gate);
            throw new ObjectDisposedException(nameof(MemoryMap));
        }

        _transactionDepth++;
    }

    internal void ExitWriter()
    {
        Debug.Assert(Monitor.IsEntered(_gate) && _transactionDepth > 0, "writer scopes are balanced on their thread");
        try
        {
            if (--_transactionDepth == 0)
            {
                Commit();
            }
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }

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
        EnterWriter();
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
        EnterWriter();
        try
        {
            if (space.IsDisposed)
            {
                return;
            }

            // QEMU's address_space_detach: a commit that switches it to the empty view tells its listeners about every
            // range; the last view is then retired like any other.
            space.IsDisposed = true;
            _updatePending = true;
            _membershipChanged = true;
        }
        finally
        {
            ExitWriter();
        }

        lock (_gate)
        {
            foreach (ListenerRegistration registration in space.Listeners.ToArray())
            {
                Detach(registration);
            }

            _addressSpaces.Remove(space);
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
        if (_updatePending)
        {
            _updatePending = false;
            PublishNewViews();
        }

        if (_membershipChanged)
        {
            _membershipChanged = false;
            RecomputeMembership();
        }
    }

    private void PublishNewViews()
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
            // reader still translating through it keeps them alive.
            replaced.ReleaseReference();
        }

        // 4. commit() to every listener, ascending priority.
        foreach (ListenerRegistration registration in _listeners)
        {
            notifier.Invoke(registration.Listener, static l => l.Commit());
        }

        notifier.ThrowIfAnyFailed();
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
