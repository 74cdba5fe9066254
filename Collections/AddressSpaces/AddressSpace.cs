using System.Diagnostics.CodeAnalysis;
using System.Buffers.Binary;
using System.Diagnostics;

namespace RcuCollections.AddressSpaces;

/// <summary>
/// A named view of a region tree (QEMU's <c>AddressSpace</c>): readers translate guest addresses and access memory
/// lock-free through the current <see cref="FlatView"/>, which commits of the owning <see cref="MemoryMap"/> replace.
/// </summary>
/// <remarks>
/// <para>Every read-side operation runs inside a read-side section of the map's <see cref="RcuDomain"/> (nested in the
/// caller's own, if any) and loads the current view once, so one call never mixes two views. A translation stays
/// safe to use (for example to reach the region's owner's resources) only while the caller is still inside a read
/// section that was open when it translated, or holds a <see cref="FlatViewLease"/>: hold a section around
/// <see cref="Translate(ulong)"/> and the use, as a TCG vCPU holds one around its whole execution loop.</para>
/// </remarks>
public sealed class AddressSpace : IDisposable
{
    private readonly RcuDomain _domain;

    // The published view. Written (Volatile.Write, release) only by the map's commit, under the writer lock, after the
    // new view is fully built; read (Volatile.Read, acquire) by readers inside their read-side section. The release/
    // acquire pair is what makes the view's arrays visible before the reference; the read section is what keeps the
    // owners of the view's regions unreleased while the reader may use them.
    private FlatView _currentView;

    internal AddressSpace(MemoryMap map, string name, MemoryRegion root, FlatView initialView)
    {
        Map = map;
        Name = name;
        Root = root;
        _domain = map.Domain;
        _currentView = initialView;
    }

    /// <summary>The address space's name (as printed by <c>info mtree</c>).</summary>
    public string Name { get; }

    /// <summary>The root region the address space renders.</summary>
    public MemoryRegion Root { get; }

    /// <summary>The map that owns the address space.</summary>
    public MemoryMap Map { get; }

    /// <summary>
    /// The view published by the last outermost commit (inside a transaction, the view from before it). The object is
    /// immutable; see the remarks of <see cref="AddressSpace"/> about using it outside a read-side section.
    /// </summary>
    public FlatView CurrentView => Volatile.Read(ref _currentView);

    /// <summary>
    /// Whether the address space was disposed. Its view is the empty view from the commit that follows (inside a
    /// transaction, the outermost commit) on.
    /// </summary>
    public bool IsDisposed { get; internal set; }

    internal List<ListenerRegistration> Listeners { get; } = [];

    internal FlatView PublishedView => _currentView;

    /// <summary>
    /// Translates <paramref name="address"/> in the current view, inside a read-side section and without locks.
    /// An address nothing maps gives <see cref="MemoryRegion.Unassigned"/> (<see cref="TranslationResult.IsUnassigned"/>).
    /// </summary>
    /// <param name="address">A guest address.</param>
    /// <returns>The translation.</returns>
    public TranslationResult Translate(ulong address)
    {
        using RcuReadGuard guard = _domain.ReadLock();
        return Volatile.Read(ref _currentView).Translate(address);
    }

    /// <summary>
    /// Translates as <see cref="Translate(ulong)"/>, entering the read section through the calling thread's reader of the
    /// map's domain, which skips the per-call thread-static lookup: for a vCPU-style loop that translates on one thread
    /// (<c>var reader = map.Domain.GetThreadReader(); while (...) space.Translate(address, reader);</c>).
    /// </summary>
    /// <param name="address">A guest address.</param>
    /// <param name="reader">The calling thread's reader, from <see cref="RcuDomain.GetThreadReader"/> of <see cref="MemoryMap.Domain"/>.</param>
    /// <returns>The translation.</returns>
    /// <exception cref="ArgumentException"><paramref name="reader"/> belongs to another domain.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="reader"/> is <c>default</c>.</exception>
    public TranslationResult Translate(ulong address, RcuThreadReader reader)
    {
        if (!ReferenceEquals(reader.Domain, _domain)) ThrowReaderOfAnotherDomain();
        using RcuReadGuard guard = reader.ReadLock();
        return Volatile.Read(ref _currentView).Translate(address);
    }

    [DoesNotReturn]
    private static void ThrowReaderOfAnotherDomain() =>
        throw new ArgumentException("The thread reader belongs to another RCU domain than this address space's map.", "reader");

    /// <summary>
    /// Reads <paramref name="destination"/>.Length bytes at <paramref name="address"/> through one view: RAM and ROM
    /// from the memory their regions own, MMIO through <see cref="IMmioHandler.Read"/> in naturally aligned accesses of
    /// at most 8 bytes. Unassigned bytes and MMIO reservations read as 0 and set <see cref="MemoryTransactionResult.DecodeError"/>;
    /// so do bytes past the top of the address space (an access never wraps from 2^64 - 1 to 0).
    /// </summary>
    /// <param name="address">The first guest address.</param>
    /// <param name="destination">Where the bytes go.</param>
    /// <returns>The combined result of every piece.</returns>
    public MemoryTransactionResult Read(ulong address, Span<byte> destination)
    {
        using RcuReadGuard guard = _domain.ReadLock();
        FlatView view = Volatile.Read(ref _currentView);
        MemoryTransactionResult result = MemoryTransactionResult.Ok;
        while (!destination.IsEmpty)
        {
            TranslationResult translation = view.Translate(address);
            int count = PieceLength(translation, destination.Length);
            Span<byte> piece = destination[..count];
            MemoryRegion region = translation.Region;
            if (region.Backing is { } backing)
            {
                backing.Read(translation.OffsetInRegion, piece);
            }
            else if (region.MmioHandler is { } handler && !translation.IsUnassigned)
            {
                ReadMmio(handler, translation.OffsetInRegion, piece);
            }
            else
            {
                piece.Clear();
                result |= MemoryTransactionResult.DecodeError;
            }

            destination = destination[count..];
            if (PastTheTop(address, count, destination.Length))
            {
                destination.Clear(); // bytes beyond 2^64 - 1 exist nowhere: they read as 0, as unassigned memory does
                return result | MemoryTransactionResult.DecodeError;
            }
            address += (ulong)count;
        }

        return result;
    }

    /// <summary>
    /// Writes <paramref name="source"/> at <paramref name="address"/> through one view: RAM into the memory its region
    /// owns, MMIO through <see cref="IMmioHandler.Write"/>. Bytes whose range is read-only (ROM, or anything below a
    /// read-only container or alias: the effective flag), unassigned, or an MMIO reservation are dropped with
    /// <see cref="MemoryTransactionResult.DecodeError"/>, as are bytes past the top of the address space (never wrapped to 0).
    /// </summary>
    /// <param name="address">The first guest address.</param>
    /// <param name="source">The bytes to write.</param>
    /// <returns>The combined result of every piece.</returns>
    public MemoryTransactionResult Write(ulong address, ReadOnlySpan<byte> source)
    {
        using RcuReadGuard guard = _domain.ReadLock();
        FlatView view = Volatile.Read(ref _currentView);
        MemoryTransactionResult result = MemoryTransactionResult.Ok;
        while (!source.IsEmpty)
        {
            TranslationResult translation = view.Translate(address);
            int count = PieceLength(translation, source.Length);
            ReadOnlySpan<byte> piece = source[..count];
            MemoryRegion region = translation.Region;
            if (translation.ReadOnly || translation.IsUnassigned)
            {
                result |= MemoryTransactionResult.DecodeError;
            }
            else if (region.Backing is { } backing)
            {
                backing.Write(translation.OffsetInRegion, piece);
            }
            else if (region.MmioHandler is { } handler)
            {
                WriteMmio(handler, translation.OffsetInRegion, piece);
            }
            else
            {
                result |= MemoryTransactionResult.DecodeError;
            }

            source = source[count..];
            if (PastTheTop(address, count, source.Length))
            {
                return result | MemoryTransactionResult.DecodeError; // bytes beyond 2^64 - 1 are dropped, never wrapped to 0
            }
            address += (ulong)count;
        }

        return result;
    }

    /// <summary>Whether bytes remain after a piece that ended at the last address (2^64 - 1): they would wrap to 0.</summary>
    private static bool PastTheTop(ulong address, int count, int remaining) => remaining > 0 && (ulong)count - 1 == ulong.MaxValue - address;

    /// <summary>
    /// Takes a reference on the current view that keeps its owners unreleased until the lease is disposed (retrying,
    /// as QEMU does, if a commit retires the view in between).
    /// </summary>
    /// <returns>The lease.</returns>
    public FlatViewLease AcquireView()
    {
        using RcuReadGuard guard = _domain.ReadLock();
        while (true)
        {
            // A view whose count reached zero was already replaced (publication precedes the release), so the next
            // read sees a newer one: the loop terminates.
            FlatView view = Volatile.Read(ref _currentView);
            if (view.TryAddReference())
            {
                return new FlatViewLease(view);
            }
        }
    }

    /// <summary>
    /// Registers <paramref name="listener"/> on this address space with <paramref name="priority"/> (lower is called
    /// earlier for additions, later for deletions) and replays the current view to it: <c>Begin</c>, one
    /// <c>RegionAdd</c> per range in address order, <c>Commit</c>.
    /// </summary>
    /// <param name="listener">The listener; an instance may be registered once.</param>
    /// <param name="priority">The listener's priority (QEMU: MIN = 0, ACCEL = 10, DEV_BACKEND = 10).</param>
    /// <returns>A registration whose disposal unregisters the listener.</returns>
    /// <exception cref="InvalidOperationException">The listener is already registered, or this is called from a listener callback.</exception>
    public IDisposable RegisterListener(IMemoryListener listener, int priority = 0)
    {
        ArgumentNullException.ThrowIfNull(listener);
        return Map.RegisterListener(this, listener, priority);
    }

    /// <summary>
    /// Unregisters <paramref name="listener"/>, replaying <c>Begin</c>, one <c>RegionDel</c> per range, <c>Commit</c>.
    /// </summary>
    /// <param name="listener">A listener registered on this address space.</param>
    /// <returns>False if it was not registered here.</returns>
    public bool UnregisterListener(IMemoryListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        return Map.UnregisterListener(this, listener);
    }

    /// <summary>
    /// Destroys the address space: its listeners see every range deleted, it switches to the empty view, and its last
    /// view is retired through the domain. Idempotent; a no-op once the map is disposed; works whatever the state of the
    /// map's domain.
    /// </summary>
    /// <remarks>
    /// Inside a transaction it takes effect at the outermost commit, like every other change in a transaction: readers
    /// keep translating through the old view until then (<see cref="IsDisposed"/> is true at once); the commit sends the
    /// listeners their <c>RegionDel</c> calls and detaches them, and the last view's owners are released a grace period
    /// later.
    /// </remarks>
    /// <exception cref="InvalidOperationException">Called from a listener callback.</exception>
    public void Dispose() => Map.DestroyAddressSpace(this);

    /// <inheritdoc />
    public override string ToString() => $"AddressSpace '{Name}'";

    /// <summary>Publishes <paramref name="view"/>; returns the previous view, whose publication reference the caller drops.</summary>
    internal FlatView Publish(FlatView view)
    {
        Debug.Assert(Monitor.IsEntered(Map.Gate), "only a commit under the writer lock publishes");
        FlatView previous = _currentView;
        view.AddReference();

        // Release: pairs with the Volatile.Read in Translate/Read/Write/AcquireView/CurrentView; the view is fully built.
        Volatile.Write(ref _currentView, view);
        return previous;
    }

    private static int PieceLength(in TranslationResult translation, int remaining) =>
        translation.LengthMinusOne < (ulong)remaining ? (int)translation.LengthMinusOne + 1 : remaining;

    private static void ReadMmio(IMmioHandler handler, ulong offset, Span<byte> destination)
    {
        Span<byte> value = stackalloc byte[sizeof(ulong)];
        while (!destination.IsEmpty)
        {
            int size = AccessSize(offset, destination.Length);
            BinaryPrimitives.WriteUInt64LittleEndian(value, handler.Read(offset, size));
            value[..size].CopyTo(destination);
            destination = destination[size..];
            offset += (ulong)size;
        }
    }

    private static void WriteMmio(IMmioHandler handler, ulong offset, ReadOnlySpan<byte> source)
    {
        Span<byte> value = stackalloc byte[sizeof(ulong)];
        while (!source.IsEmpty)
        {
            int size = AccessSize(offset, source.Length);
            value.Clear();
            source[..size].CopyTo(value);
            handler.Write(offset, BinaryPrimitives.ReadUInt64LittleEndian(value), size);
            source = source[size..];
            offset += (ulong)size;
        }
    }

    /// <summary>QEMU's <c>memory_access_size</c> without per-device limits: the largest power of two ≤ 8 that fits and is aligned.</summary>
    private static int AccessSize(ulong offset, int remaining)
    {
        int size = 8;
        while (size > remaining || (offset & (ulong)(size - 1)) != 0)
        {
            size >>= 1;
        }

        return size;
    }
}
