using System.Diagnostics;

namespace RcuCollections.AddressSpaces;

/// <summary>
/// A node of the memory-region tree (QEMU's <c>MemoryRegion</c>): a container, RAM, ROM, MMIO or an alias.
/// Regions are built, configured and nested freely; a region belongs to a <see cref="MemoryMap"/> from the moment it is
/// reachable (through subregions and alias targets) from one of the map's address spaces, and leaves it at the first
/// outermost commit after it stops being reachable.
/// </summary>
/// <remarks>
/// <para>Mutators of a region that belongs to a map take the map's writer lock; outside a transaction each one is its
/// own transaction and renders and publishes new views when it returns. A region that belongs to no map is not
/// thread-safe: build it on one thread, then attach it.</para>
/// <para>A size of <see cref="ulong.MaxValue"/> means 2^64, as in QEMU, so a region of exactly 2^64 − 1 bytes cannot be
/// expressed; <see cref="Size"/> reports the exact 128-bit value (2^64, not <see cref="ulong.MaxValue"/>).</para>
/// </remarks>
public sealed class MemoryRegion
{
    private static readonly MemoryRegion s_unassigned = new("unassigned", MemoryRegionKind.Mmio, AddressMath.TwoToThe64, isUnassigned: true);

    // Topology and configuration: written only under the writer lock of the map the region belongs to (or, while it
    // belongs to none, by the single thread that builds it); read by the renderer under that same lock. Readers that
    // translate never touch these fields: they only see immutable flat views.
    internal readonly List<MemoryRegion> _subregions = [];
    internal UInt128 _size;
    internal ulong _address;
    internal int _priority;
    internal bool _enabled = true;
    internal bool _readOnly;
    internal bool _nonvolatile;
    internal bool _unmergeable;
    internal ulong _aliasOffset;
    internal MemoryRegion? _parent;
    internal MemoryRegionOwner? _owner;

    // The map this region belongs to. Written under that map's writer lock; read without a lock by mutators only to
    // pick which lock to take, and re-validated once the lock is held (a volatile read keeps the JIT from caching it
    // across the retry loop).
    private volatile MemoryMap? _map;

    private readonly bool _isUnassigned;

    private MemoryRegion(string name, MemoryRegionKind kind, UInt128 size, MemoryRegion? aliasTarget = null, ulong aliasOffset = 0, IMmioHandler? handler = null, bool isUnassigned = false)
    {
        Name = name;
        Kind = kind;
        _size = size;
        AliasTarget = aliasTarget;
        _aliasOffset = aliasOffset;
        MmioHandler = handler;
        _isUnassigned = isUnassigned;
        if (kind == MemoryRegionKind.Ram)
        {
            Backing = new RamBacking();
        }
    }

    /// <summary>
    /// The region every unmapped address translates to (QEMU's <c>io_mem_unassigned</c>): MMIO of size 2^64 whose
    /// reads return 0 and whose writes are dropped. It can never be mapped, aliased or changed.
    /// </summary>
    public static MemoryRegion Unassigned => s_unassigned;

    /// <summary>The region's name, as printed by <c>info mtree</c>.</summary>
    public string Name { get; }

    /// <summary>The kind of region.</summary>
    public MemoryRegionKind Kind { get; }

    /// <summary>The region's size in bytes (up to 2^64).</summary>
    public UInt128 Size
    {
        get
        {
            using ConfigurationReadScope scope = new(this);
            return _size;
        }
    }

    /// <summary>The offset of the region inside its container (<see cref="Parent"/>).</summary>
    public ulong Address
    {
        get
        {
            using ConfigurationReadScope scope = new(this);
            return _address;
        }
    }

    /// <summary>The priority among the siblings in the container (signed, local to the container).</summary>
    public int Priority
    {
        get
        {
            using ConfigurationReadScope scope = new(this);
            return _priority;
        }
    }

    /// <summary>Whether the region (and so its whole subtree) takes part in rendering. Defaults to true.</summary>
    public bool Enabled
    {
        get
        {
            using ConfigurationReadScope scope = new(this);
            return _enabled;
        }
    }

    /// <summary>The region's own read-only flag (true for ROM); it is OR-inherited by everything rendered beneath it.</summary>
    public bool ReadOnly
    {
        get
        {
            using ConfigurationReadScope scope = new(this);
            return _readOnly;
        }
    }

    /// <summary>The region's own non-volatile flag (OR-inherited; printed as <c>nv-</c>).</summary>
    public bool Nonvolatile
    {
        get
        {
            using ConfigurationReadScope scope = new(this);
            return _nonvolatile;
        }
    }

    /// <summary>The region's own unmergeable flag (OR-inherited; such ranges are never merged by simplification).</summary>
    public bool Unmergeable
    {
        get
        {
            using ConfigurationReadScope scope = new(this);
            return _unmergeable;
        }
    }

    /// <summary>The container the region is mapped in, or null.</summary>
    public MemoryRegion? Parent
    {
        get
        {
            using ConfigurationReadScope scope = new(this);
            return _parent;
        }
    }

    /// <summary>
    /// A snapshot of the subregions in rendering order: descending priority, and among equal priorities the most
    /// recently added (or moved with <see cref="SetAddress"/>) first.
    /// </summary>
    public IReadOnlyList<MemoryRegion> Subregions
    {
        get
        {
            using ConfigurationReadScope scope = new(this);
            return _subregions.ToArray();
        }
    }

    /// <summary>For an alias, the region it shows; otherwise null.</summary>
    public MemoryRegion? AliasTarget { get; }

    /// <summary>For an alias, the offset in <see cref="AliasTarget"/> where the window starts.</summary>
    public ulong AliasOffset
    {
        get
        {
            using ConfigurationReadScope scope = new(this);
            return _aliasOffset;
        }
    }

    /// <summary>For MMIO, the handler (null for a reservation region, whose accesses act as unassigned).</summary>
    public IMmioHandler? MmioHandler { get; }

    /// <summary>
    /// The owner told when the region is no longer used by any flat view and a grace period has passed; null for an
    /// owner-less region (never counted, as in QEMU). Several regions may share one owner.
    /// </summary>
    public MemoryRegionOwner? Owner
    {
        get
        {
            using ConfigurationReadScope scope = new(this);
            return _owner;
        }

        set
        {
            ThrowIfUnassigned();
            using WriterScope scope = WriterScope.Enter(this);
            _owner = value;
        }
    }

    /// <summary>The map the region currently belongs to, or null.</summary>
    public MemoryMap? Map => _map;

    /// <summary>True for RAM and ROM: the region terminates rendering and is backed by memory it owns.</summary>
    internal bool IsRam => Kind == MemoryRegionKind.Ram;

    /// <summary>QEMU's <c>terminates</c>: true for every leaf kind, false for pure containers and aliases.</summary>
    internal bool Terminates => Kind is MemoryRegionKind.Ram or MemoryRegionKind.Mmio;

    internal RamBacking? Backing { get; }

    internal bool IsUnassignedRegion => _isUnassigned;

    internal MemoryMap? MapUnsafe => _map;

    /// <summary>Creates a pure container of <paramref name="size"/> bytes (<see cref="ulong.MaxValue"/> means 2^64).</summary>
    /// <param name="name">The region's name.</param>
    /// <param name="size">The size in bytes.</param>
    /// <returns>The new region.</returns>
    public static MemoryRegion Container(string name, UInt128 size)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new MemoryRegion(name, MemoryRegionKind.Container, AddressMath.NormalizeSize(size, nameof(size)));
    }

    /// <summary>Creates RAM of <paramref name="size"/> bytes backed by (sparse, zero-filled) memory the region owns.</summary>
    /// <param name="name">The region's name.</param>
    /// <param name="size">The size in bytes (<see cref="ulong.MaxValue"/> means 2^64).</param>
    /// <returns>The new region.</returns>
    public static MemoryRegion Ram(string name, ulong size)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new MemoryRegion(name, MemoryRegionKind.Ram, AddressMath.NormalizeSize(size, nameof(size)));
    }

    /// <summary>
    /// Creates ROM: RAM whose read-only flag is set, so writes through an address space are dropped. Load its
    /// contents with <see cref="WriteHostMemory"/>.
    /// </summary>
    /// <param name="name">The region's name.</param>
    /// <param name="size">The size in bytes (<see cref="ulong.MaxValue"/> means 2^64).</param>
    /// <returns>The new region.</returns>
    public static MemoryRegion Rom(string name, ulong size)
    {
        MemoryRegion region = Ram(name, size);
        region._readOnly = true;
        return region;
    }

    /// <summary>Creates an MMIO region; with a null <paramref name="handler"/> it is a reservation that acts as unassigned.</summary>
    /// <param name="name">The region's name.</param>
    /// <param name="size">The size in bytes (<see cref="ulong.MaxValue"/> means 2^64).</param>
    /// <param name="handler">The access callbacks, or null.</param>
    /// <returns>The new region.</returns>
    public static MemoryRegion Mmio(string name, UInt128 size, IMmioHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new MemoryRegion(name, MemoryRegionKind.Mmio, AddressMath.NormalizeSize(size, nameof(size)), handler: handler);
    }

    /// <summary>
    /// Creates an alias: a window of <paramref name="size"/> bytes onto <paramref name="target"/> starting at
    /// <paramref name="offset"/>, rendered in the target's local coordinates (where the target is mapped elsewhere
    /// does not matter). The target's own enabled and read-only flags still apply.
    /// </summary>
    /// <param name="name">The region's name.</param>
    /// <param name="target">The region shown through the window.</param>
    /// <param name="offset">The offset in the target where the window starts.</param>
    /// <param name="size">The window size (<see cref="ulong.MaxValue"/> means 2^64).</param>
    /// <returns>The new region.</returns>
    public static MemoryRegion Alias(string name, MemoryRegion target, ulong offset, UInt128 size)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(target);
        if (target._isUnassigned)
        {
            throw new ArgumentException("The unassigned region cannot be aliased.", nameof(target));
        }

        return new MemoryRegion(name, MemoryRegionKind.Alias, AddressMath.NormalizeSize(size, nameof(size)), target, offset);
    }

    /// <summary>
    /// Maps <paramref name="child"/> at <paramref name="offset"/> inside this region with <paramref name="priority"/>.
    /// The child goes before the first existing child whose priority is ≤ its own, so among equal priorities the
    /// newest wins.
    /// </summary>
    /// <param name="offset">The child's address inside this region.</param>
    /// <param name="child">The region to map; it must not be in a container already.</param>
    /// <param name="priority">The priority among siblings.</param>
    /// <exception cref="InvalidOperationException">
    /// The child already has a container, this region is an alias, the link would create a cycle (through
    /// containment or alias targets), or the two trees belong to different maps.
    /// </exception>
    public void AddSubregion(ulong offset, MemoryRegion child, int priority = 0)
    {
        ArgumentNullException.ThrowIfNull(child);
        ThrowIfUnassigned();
        if (child._isUnassigned)
        {
            throw new ArgumentException("The unassigned region cannot be mapped.", nameof(child));
        }

        if (Kind == MemoryRegionKind.Alias)
        {
            throw new InvalidOperationException($"Cannot add '{child.Name}' to alias '{Name}': an alias has no subregions of its own.");
        }

        using WriterScope scope = WriterScope.EnterForLink(this, child, searchClosure: true);
        if (child._parent is { } existing)
        {
            throw new InvalidOperationException($"Region '{child.Name}' is already mapped in container '{existing.Name}'; remove it first.");
        }

        RegionGraph.ValidateLink(this, child, scope.Map);

        child._address = offset;
        child._priority = priority;
        child._parent = this;
        InsertSubregion(child);

        if (scope.Map is { } map && ReferenceEquals(_map, map))
        {
            map.AdoptClosure(child);
        }

        scope.MarkUpdatePending(_enabled && child._enabled);
    }

    /// <summary>Unmaps <paramref name="child"/> from this region.</summary>
    /// <param name="child">A subregion of this region.</param>
    /// <exception cref="InvalidOperationException"><paramref name="child"/> is not a subregion of this region.</exception>
    public void RemoveSubregion(MemoryRegion child)
    {
        ArgumentNullException.ThrowIfNull(child);
        ThrowIfUnassigned();
        using WriterScope scope = WriterScope.EnterForLink(this, child);
        if (!ReferenceEquals(child._parent, this))
        {
            throw new InvalidOperationException($"Region '{child.Name}' is not a subregion of '{Name}'.");
        }

        bool removed = _subregions.Remove(child);
        Debug.Assert(removed, "a child's parent link and the parent's list agree");
        child._parent = null;
        scope.MarkMembershipChanged();
        scope.MarkUpdatePending(_enabled && child._enabled);
    }

    /// <summary>Enables or disables the region and its whole subtree. Always re-renders when the value changes.</summary>
    /// <param name="enabled">The new state.</param>
    public void SetEnabled(bool enabled)
    {
        ThrowIfUnassigned();
        using WriterScope scope = WriterScope.Enter(this);
        if (_enabled == enabled)
        {
            return;
        }

        _enabled = enabled;
        scope.MarkUpdatePending(true);
    }

    /// <summary>
    /// Moves the region inside its container. As in QEMU the region is removed and re-added with the same priority, so
    /// it becomes the newest among its equal-priority siblings; a region without a container only records the address.
    /// </summary>
    /// <param name="address">The new offset inside the container.</param>
    public void SetAddress(ulong address)
    {
        ThrowIfUnassigned();
        using WriterScope scope = WriterScope.EnterForLink(this, _parent);
        if (_address == address)
        {
            return;
        }

        _address = address;
        if (_parent is { } container)
        {
            bool removed = container._subregions.Remove(this);
            Debug.Assert(removed, "a child's parent link and the parent's list agree");
            scope.MarkUpdatePending(container._enabled && _enabled);
            container.InsertSubregion(this);
            scope.MarkUpdatePending(container._enabled && _enabled);
        }
    }

    /// <summary>Changes where an alias window starts in its target.</summary>
    /// <param name="offset">The new offset in the target.</param>
    /// <exception cref="InvalidOperationException">The region is not an alias.</exception>
    public void SetAliasOffset(ulong offset)
    {
        ThrowIfUnassigned();
        if (Kind != MemoryRegionKind.Alias)
        {
            throw new InvalidOperationException($"Region '{Name}' is not an alias.");
        }

        using WriterScope scope = WriterScope.Enter(this);
        if (_aliasOffset == offset)
        {
            return;
        }

        _aliasOffset = offset;
        scope.MarkUpdatePending(_enabled);
    }

    /// <summary>Sets the region's own read-only flag.</summary>
    /// <param name="readOnly">The new flag.</param>
    public void SetReadOnly(bool readOnly)
    {
        ThrowIfUnassigned();
        using WriterScope scope = WriterScope.Enter(this);
        if (_readOnly == readOnly)
        {
            return;
        }

        _readOnly = readOnly;
        scope.MarkUpdatePending(_enabled);
    }

    /// <summary>Sets the region's own non-volatile flag.</summary>
    /// <param name="nonvolatile">The new flag.</param>
    public void SetNonvolatile(bool nonvolatile)
    {
        ThrowIfUnassigned();
        using WriterScope scope = WriterScope.Enter(this);
        if (_nonvolatile == nonvolatile)
        {
            return;
        }

        _nonvolatile = nonvolatile;
        scope.MarkUpdatePending(_enabled);
    }

    /// <summary>Sets the region's own unmergeable flag.</summary>
    /// <param name="unmergeable">The new flag.</param>
    public void SetUnmergeable(bool unmergeable)
    {
        ThrowIfUnassigned();
        using WriterScope scope = WriterScope.Enter(this);
        if (_unmergeable == unmergeable)
        {
            return;
        }

        _unmergeable = unmergeable;
        scope.MarkUpdatePending(_enabled);
    }

    /// <summary>
    /// Resizes the region (<see cref="ulong.MaxValue"/> means 2^64). As in QEMU the region keeps its place among its
    /// siblings, and a change always re-renders.
    /// </summary>
    /// <param name="size">The new size.</param>
    public void SetSize(UInt128 size)
    {
        ThrowIfUnassigned();
        UInt128 normalized = AddressMath.NormalizeSize(size, nameof(size));
        using WriterScope scope = WriterScope.Enter(this);
        if (_size == normalized)
        {
            return;
        }

        _size = normalized;
        scope.MarkUpdatePending(true);
    }

    /// <summary>
    /// Copies bytes out of the memory a RAM or ROM region owns, bypassing every address space (the host's view,
    /// like QEMU's <c>memory_region_get_ram_ptr</c>).
    /// </summary>
    /// <param name="offset">The offset inside the region.</param>
    /// <param name="destination">Where the bytes go.</param>
    public void ReadHostMemory(ulong offset, Span<byte> destination)
    {
        RamBacking backing = GetBacking(offset, destination.Length);
        backing.Read(offset, destination);
    }

    /// <summary>
    /// Copies bytes into the memory a RAM or ROM region owns, bypassing every address space and the read-only flag
    /// (how ROM contents are loaded).
    /// </summary>
    /// <param name="offset">The offset inside the region.</param>
    /// <param name="source">The bytes to store.</param>
    public void WriteHostMemory(ulong offset, ReadOnlySpan<byte> source)
    {
        RamBacking backing = GetBacking(offset, source.Length);
        backing.Write(offset, source);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind} '{Name}'";

    internal void SetMap(MemoryMap? map) => _map = map;

    private RamBacking GetBacking(ulong offset, int length)
    {
        if (Backing is null)
        {
            throw new InvalidOperationException($"Region '{Name}' is {Kind}; only RAM and ROM own memory.");
        }

        if ((UInt128)offset + (uint)length > Size)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"The access runs past the end of region '{Name}'.");
        }

        return Backing;
    }

    private void InsertSubregion(MemoryRegion child)
    {
        // QEMU's memory_region_update_container_subregions: before the first child whose priority is <= the new one.
        int index = 0;
        while (index < _subregions.Count && _subregions[index]._priority > child._priority)
        {
            index++;
        }

        _subregions.Insert(index, child);
    }

    private void ThrowIfUnassigned()
    {
        if (_isUnassigned)
        {
            throw new InvalidOperationException("The unassigned region is immutable.");
        }
    }
}
